import Foundation
import Instagram

/// The Graph API connection of professional accounts (issue 13): the two Meta apps (Instagram Login and Facebook
/// Login), the redirect URI, the API version, where Meta's hosts are, and the token and state lifetimes.
public struct GraphSettings: Sendable {
    /// The login used when a request names none (`INSTAGATE_GRAPH_FLAVOUR`: `instagram` (default) or `facebook`).
    public var defaultFlavour: GraphFlavour
    /// Instagram Login's app id (`INSTAGATE_INSTAGRAM_APP_ID`); unset: that login is off.
    public var instagramAppID: String?
    /// File holding its app secret (`INSTAGATE_INSTAGRAM_APP_SECRET_FILE`, default `$HOME/instagram-app.secret`).
    public var instagramAppSecretFile: String
    /// Facebook Login's app id (`INSTAGATE_FACEBOOK_APP_ID`); unset: that login is off.
    public var facebookAppID: String?
    /// File holding its app secret (`INSTAGATE_FACEBOOK_APP_SECRET_FILE`, default `$HOME/facebook-app.secret`).
    public var facebookAppSecretFile: String
    /// Where Meta sends the browser back (`INSTAGATE_GRAPH_REDIRECT_URI`, default `$PUBLIC_URL/api/sns/instagram/callback`).
    public var redirectURI: String
    /// `INSTAGATE_GRAPH_API_VERSION`, default `v24.0`; one older than `GraphAppConfiguration.oldestServedVersion`
    /// (Meta retired it) stops the process at start-up.
    public var version: String
    /// Put before a Meta host name to make its URL (`INSTAGATE_GRAPH_HOST_BASE`, default `https://`; the sandbox:
    /// `http://127.0.0.1:8081/__host/`).
    public var hostBase: String
    /// Seconds an authorize `state` is valid (`INSTAGATE_GRAPH_STATE_TTL`, default 600).
    public var stateTTL: Double
    /// A token is refreshed when it expires within this many seconds (`INSTAGATE_GRAPH_REFRESH_MARGIN`, default
    /// 15 days: several tries before the 60 days end, never before Meta's 24-hour minimum).
    public var refreshMargin: Double
    /// Seconds between runs of the refresh job (`INSTAGATE_GRAPH_REFRESH_INTERVAL`, default 3600).
    public var refreshInterval: Double
    /// Seconds between runs of the insights collection job (`INSTAGATE_GRAPH_INSIGHTS_INTERVAL`, default 900: posts
    /// younger than 48 hours are read hourly, older ones daily, account figures once per Meta day).
    public var insightsInterval: Double
    /// Account info older than this is read again from Meta (`INSTAGATE_GRAPH_INFO_TTL`, default 86400): by the
    /// `graph_info_refresh` job, or by a read that finds it stale.
    public var infoTTL: Double
    /// Seconds between runs of the `graph_info_refresh` job (`INSTAGATE_GRAPH_INFO_REFRESH_INTERVAL`, default 3600).
    public var infoRefreshInterval: Double
    /// Seconds a responder process answers the accounts list and account info from its own cache of their rows at most
    /// (`INSTAGATE_GRAPH_ACCOUNT_CACHE_TTL`, default 10; 0: every read asks PostgreSQL). Every change to the rows reaches
    /// the cache at once by a PostgreSQL notice (`AccountReadCache`); this is the backstop.
    public var accountCacheTTL: Double
    /// File holding the verify token of webhook subscriptions (`INSTAGATE_GRAPH_WEBHOOK_VERIFY_TOKEN_FILE`,
    /// default `$HOME/graph-webhook-verify.token`), the `hub.verify_token` Meta's verification request must carry.
    public var webhookVerifyTokenFile: String
    /// The base of the data-deletion status URL Meta shows the user (`INSTAGATE_PUBLIC_URL`).
    public var publicURL: String
    /// When Meta's usage headers report this percentage of an app's or account's allowance used, no responder or
    /// worker calls Meta for it until the pause ends (`INSTAGATE_GRAPH_USAGE_PAUSE_PERCENT`, default 90; Meta
    /// refuses at 100).
    public var usagePausePercent: Int
    /// Seconds such a pause lasts when Meta gave no `estimated_time_to_regain_access`
    /// (`INSTAGATE_GRAPH_USAGE_PAUSE`, default 3600: the app allowance is a rolling hour).
    public var usagePause: Double

    public init(publicURL: String, home: String) {
        defaultFlavour = .instagram
        instagramAppSecretFile = home + "/instagram-app.secret"
        facebookAppSecretFile = home + "/facebook-app.secret"
        redirectURI = publicURL + "/api/sns/instagram/callback"
        version = "v24.0"
        hostBase = "https://"
        stateTTL = 600
        refreshMargin = 15 * 86_400
        refreshInterval = 3600
        insightsInterval = 900
        infoTTL = 86_400
        infoRefreshInterval = 3600
        accountCacheTTL = 10
        webhookVerifyTokenFile = home + "/graph-webhook-verify.token"
        self.publicURL = publicURL
        usagePausePercent = 90
        usagePause = 3600
    }

    init(reading env: inout EnvironmentReader, publicURL: String, home: String, absolute: (String) -> String) {
        self.init(publicURL: publicURL, home: home)
        defaultFlavour = env.value("INSTAGATE_GRAPH_FLAVOUR", default: defaultFlavour, expected: "instagram or facebook") {
            GraphFlavour(rawValue: $0.lowercased())
        }
        instagramAppID = env.string("INSTAGATE_INSTAGRAM_APP_ID")
        instagramAppSecretFile = env.string("INSTAGATE_INSTAGRAM_APP_SECRET_FILE").map(absolute) ?? instagramAppSecretFile
        facebookAppID = env.string("INSTAGATE_FACEBOOK_APP_ID")
        facebookAppSecretFile = env.string("INSTAGATE_FACEBOOK_APP_SECRET_FILE").map(absolute) ?? facebookAppSecretFile
        redirectURI = env.value("INSTAGATE_GRAPH_REDIRECT_URI", default: redirectURI, expected: "an http(s) URL") {
            $0.hasPrefix("http://") || $0.hasPrefix("https://") ? $0 : nil
        }
        version = env.value("INSTAGATE_GRAPH_API_VERSION", default: version,
                            expected: "a Graph API version Meta still serves, v\(GraphAppConfiguration.oldestServedVersion).0 or later (such as v24.0, the default); older ones are retired") {
            (GraphAppConfiguration.majorVersion($0) ?? 0) >= GraphAppConfiguration.oldestServedVersion ? $0 : nil
        }
        hostBase = env.value("INSTAGATE_GRAPH_HOST_BASE", default: hostBase, expected: "https:// or a URL ending in /") {
            $0 == "https://" || ($0.hasPrefix("http") && $0.hasSuffix("/")) ? $0 : nil
        }
        stateTTL = env.number("INSTAGATE_GRAPH_STATE_TTL", default: stateTTL, in: 30...86_400)
        refreshMargin = env.number("INSTAGATE_GRAPH_REFRESH_MARGIN", default: refreshMargin, in: 3600...(59 * 86_400))
        refreshInterval = env.number("INSTAGATE_GRAPH_REFRESH_INTERVAL", default: refreshInterval, in: 1...86_400)
        insightsInterval = env.number("INSTAGATE_GRAPH_INSIGHTS_INTERVAL", default: insightsInterval, in: 1...86_400)
        infoTTL = env.number("INSTAGATE_GRAPH_INFO_TTL", default: infoTTL, in: 0...(30 * 86_400))
        infoRefreshInterval = env.number("INSTAGATE_GRAPH_INFO_REFRESH_INTERVAL", default: infoRefreshInterval, in: 1...86_400)
        accountCacheTTL = env.number("INSTAGATE_GRAPH_ACCOUNT_CACHE_TTL", default: accountCacheTTL, in: 0...3600)
        webhookVerifyTokenFile = env.string("INSTAGATE_GRAPH_WEBHOOK_VERIFY_TOKEN_FILE").map(absolute) ?? webhookVerifyTokenFile
        usagePausePercent = env.integer("INSTAGATE_GRAPH_USAGE_PAUSE_PERCENT", default: usagePausePercent, in: 1...100)
        usagePause = env.number("INSTAGATE_GRAPH_USAGE_PAUSE", default: usagePause, in: 1...86_400)
    }

    /// The app of a login with its secret read from its file; nil when that login is not configured.
    public func app(_ flavour: GraphFlavour) throws(GraphConfigurationError) -> GraphAppConfiguration {
        let (id, file) = flavour == .instagram ? (instagramAppID, instagramAppSecretFile) : (facebookAppID, facebookAppSecretFile)
        guard let id else { throw GraphConfigurationError(flavour: flavour, problem: "no app id is configured") }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8),
              case let secret = text.trimmingCharacters(in: .whitespacesAndNewlines), !secret.isEmpty else {
            throw GraphConfigurationError(flavour: flavour, problem: "the app secret file \(file) cannot be read or is empty")
        }
        return GraphAppConfiguration(flavour: flavour, appID: id, appSecret: secret, redirectURI: redirectURI,
                                     version: version, hostBase: hostBase)
    }

    /// The secrets of every configured app (webhooks and signed requests are checked against each: which secret
    /// signs Instagram Login's webhooks is not settled).
    public var appSecrets: [String] {
        enabledFlavours.compactMap { try? app($0).appSecret }
    }

    /// The webhook verify token; nil when its file does not read.
    public var webhookVerifyToken: String? {
        guard let text = try? String(contentsOfFile: webhookVerifyTokenFile, encoding: .utf8) else { return nil }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return token.isEmpty ? nil : token
    }

    /// The logins that have an app id.
    public var enabledFlavours: [GraphFlavour] {
        GraphFlavour.allCases.filter { ($0 == .instagram ? instagramAppID : facebookAppID) != nil }
    }
}

/// A login that cannot be used: no app id, or its secret file does not read. 503 `GRAPH_NOT_CONFIGURED`.
public struct GraphConfigurationError: Error, Sendable, CustomStringConvertible {
    public var flavour: GraphFlavour
    public var problem: String
    public var description: String { "\(flavour.rawValue) login: \(problem)" }
}
