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
        URLParts(url).map(allows) ?? false
    }

    /// Whether a parsed URL's host (and port) is allowed (a caller that parsed it already does not parse it again).
    public func allows(_ target: URLParts) -> Bool {
        patterns.contains { pattern in
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

    /// Parses `url` over its UTF-8 bytes (every outbound request is checked, and a CDN link is long: a parse by
    /// characters and Foundation's `range(of:)`, twice per request, was 5 % of a profile download's CPU). Nil unless the scheme is
    /// http(s) and there is a host: no credentials (`@`) in the authority, a port in 1...65535 when one is given.
    public init?(_ url: String) {
        var text = url
        text.makeContiguousUTF8()
        guard let parts = text.utf8.withContiguousStorageIfAvailable({ URLParts.parse($0) }) ?? nil else { return nil }
        self = parts
    }

    init(scheme: String, host: String, port: Int?, pathAndQuery: String) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.pathAndQuery = pathAndQuery
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> URLParts? {
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        let colon = UInt8(ascii: ":"), slash = UInt8(ascii: "/"), question = UInt8(ascii: "?"), hash = UInt8(ascii: "#")
        var schemeEnd = 0
        while schemeEnd + 2 < bytes.count, !(bytes[schemeEnd] == colon && bytes[schemeEnd + 1] == slash && bytes[schemeEnd + 2] == slash) {
            schemeEnd += 1
        }
        guard schemeEnd + 2 < bytes.count else { return nil }
        let scheme = text(0..<schemeEnd).lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let start = schemeEnd + 3
        var authorityEnd = start
        while authorityEnd < bytes.count, bytes[authorityEnd] != slash, bytes[authorityEnd] != question, bytes[authorityEnd] != hash {
            authorityEnd += 1
        }
        guard authorityEnd > start, !bytes[start..<authorityEnd].contains(UInt8(ascii: "@")) else { return nil } // no credentials in URLs
        var hostEnd = authorityEnd
        var port: Int?
        if bytes[authorityEnd - 1] != UInt8(ascii: "]"), let portColon = bytes[start..<authorityEnd].lastIndex(of: colon) {
            guard let value = Int(text(portColon + 1..<authorityEnd)), (1...65535).contains(value) else { return nil }
            port = value
            hostEnd = portColon
        }
        guard hostEnd > start else { return nil }
        var tailEnd = authorityEnd
        while tailEnd < bytes.count, bytes[tailEnd] != hash { tailEnd += 1 }
        let tail = text(authorityEnd..<tailEnd)
        return URLParts(scheme: scheme, host: text(start..<hostEnd).lowercased(), port: port,
                        pathAndQuery: authorityEnd < tailEnd && bytes[authorityEnd] == slash ? tail : "/" + tail)
    }
}
