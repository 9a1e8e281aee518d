import Foundation

/// Settings of profile, stories and highlight downloads, their watches and webhooks (issue 16), from
/// `INSTAGATE_*` variables.
public struct ProfileSettings: Sendable, Equatable {
    /// The shortest `every` a watch may ask for, in seconds (`INSTAGATE_WATCH_MIN_INTERVAL`, default 900).
    public var watchMinInterval: Int
    /// Networks a webhook may reach although they are loopback, private or link-local
    /// (`INSTAGATE_WEBHOOK_ALLOWED_NETWORKS`, comma-separated CIDRs such as `127.0.0.1/32`; default none).
    public var webhookAllowedNetworks: [String]
    /// Seconds a webhook delivery may take, connection included (`INSTAGATE_WEBHOOK_TIMEOUT`, default 10).
    public var webhookTimeout: Double

    public init(watchMinInterval: Int = 900, webhookAllowedNetworks: [String] = [], webhookTimeout: Double = 10) {
        self.watchMinInterval = watchMinInterval
        self.webhookAllowedNetworks = webhookAllowedNetworks
        self.webhookTimeout = webhookTimeout
    }

    init(reading env: inout EnvironmentReader) {
        self.init()
        watchMinInterval = env.integer("INSTAGATE_WATCH_MIN_INTERVAL", default: watchMinInterval, in: 1...86_400)
        webhookAllowedNetworks = env.value("INSTAGATE_WEBHOOK_ALLOWED_NETWORKS", default: [],
                                           expected: "comma-separated networks such as 127.0.0.1/32,10.0.0.0/8") { text in
            let networks = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return networks.allSatisfy { IPAddressPolicy.Network($0) != nil } ? networks : nil
        }
        webhookTimeout = env.number("INSTAGATE_WEBHOOK_TIMEOUT", default: webhookTimeout, in: 0.1...300)
    }

    /// The address policy of webhook deliveries.
    var webhookPolicy: IPAddressPolicy {
        IPAddressPolicy(allowed: webhookAllowedNetworks.compactMap { IPAddressPolicy.Network($0) })
    }
}
