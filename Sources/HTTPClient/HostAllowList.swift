/// Hosts outbound requests may reach: exact `host` or `host:port`, or `*.domain` for any subdomain.
public struct HostAllowList: Sendable, Equatable {
    public var patterns: [String]

    public init(_ patterns: [String]) {
        self.patterns = patterns.map { $0.lowercased() }.filter { !$0.isEmpty }
    }

    /// Parses a comma- or space-separated list.
    public init(parsing text: String) {
        self.init(text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init))
    }

    /// Whether the URL's scheme is http(s) and its host (and port) is allowed.
    public func allows(_ url: String) -> Bool {
        guard let target = URLParts(url) else { return false }
        return patterns.contains { pattern in
            if pattern.hasPrefix("*.") {
                let domain = pattern.dropFirst(1) // ".cdninstagram.com"
                return target.host.hasSuffix(domain) && target.host.count > domain.count
            }
            return pattern == target.host || pattern == target.hostAndPort
        }
    }
}

/// The scheme, host and port of an absolute http(s) URL, without any other parsing.
public struct URLParts: Sendable, Equatable {
    public var scheme: String
    public var host: String
    public var port: Int?
    /// Path and query, starting with `/`.
    public var pathAndQuery: String

    public var hostAndPort: String { port.map { "\(host):\($0)" } ?? host }
    /// The URL without its query string, safe to log.
    public var redacted: String { "\(scheme)://\(hostAndPort)\(pathAndQuery.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/")" }

    public init?(_ url: String) {
        guard let range = url.range(of: "://") else { return nil }
        let scheme = url[..<range.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = url[range.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@"), !authority.isEmpty else { return nil } // no credentials in URLs
        var host = Substring(authority)
        var port: Int?
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            guard let value = Int(authority[authority.index(after: colon)...]), (1...65535).contains(value) else { return nil }
            port = value
            host = authority[..<colon]
        }
        guard !host.isEmpty else { return nil }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        let tail = rest[authorityEnd...].split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        self.pathAndQuery = tail.hasPrefix("/") ? String(tail) : "/" + tail
    }
}
