import Glibc
import HTTPClient

/// A webhook URL checked for delivery: http(s) only, its host resolved once, every address judged by the
/// policy, and the first one pinned (`connectTo`) so the address checked is the address connected to.
struct WebhookTarget {
    var url: String
    var host: String
    var port: Int
    /// The checked address curl connects to.
    var address: String

    /// `HOST:PORT:ADDRESS:PORT` for `HTTPClientRequest.connectTo`.
    var connectTo: String {
        let pinned = address.contains(":") ? "[\(address)]" : address
        let name = host.contains(":") ? "[\(host)]" : host
        return "\(name):\(port):\(pinned):\(port)"
    }

    /// Why a URL can never be a webhook (checked when it is given), or nil.
    static func shapeProblem(_ url: String) -> String? {
        guard url.utf8.count <= 2048 else { return "must be at most 2048 characters" }
        guard let parts = URLParts(url), ["http", "https"].contains(parts.scheme.lowercased()) else {
            return "must be an http or https URL without a user name or password"
        }
        return parts.host.isEmpty ? "must name a host" : nil
    }

    /// Resolves and checks `url`; `WebhookRefusal` names what is wrong.
    static func resolve(_ url: String, policy: IPAddressPolicy) throws(WebhookRefusal) -> WebhookTarget {
        if let problem = shapeProblem(url) { throw WebhookRefusal("callback_url \(problem)") }
        guard let parts = URLParts(url) else { throw WebhookRefusal("callback_url is not a URL") }
        let host = parts.host.hasPrefix("[") ? String(parts.host.dropFirst().dropLast()) : parts.host
        let port = parts.port ?? (parts.scheme.lowercased() == "https" ? 443 : 80)
        let addresses = Self.addresses(of: host)
        guard let first = addresses.first else { throw WebhookRefusal("\(host) does not resolve") }
        for address in addresses {
            if let reason = policy.refusal(address) {
                throw WebhookRefusal("\(host) resolves to \(address), \(reason): webhooks go to public addresses only")
            }
        }
        return WebhookTarget(url: url, host: host, port: port, address: first)
    }

    /// The numeric addresses of `host` (getaddrinfo; a literal stays itself).
    static func addresses(of host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var found: [String] = []
        var next = list
        while let entry = next {
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(entry.pointee.ai_addr, entry.pointee.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 {
                let address = String(cString: text)
                if !found.contains(address) { found.append(address) }
            }
            next = entry.pointee.ai_next
        }
        return found
    }
}

/// A webhook target refused before any connection (SSRF guard): never retried.
struct WebhookRefusal: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
