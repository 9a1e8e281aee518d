/// One outbound request.
public struct HTTPClientRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]?
    /// Retry this request on retryable failures even if the method is not idempotent.
    public var retryNonIdempotent: Bool
    /// Overrides the configured response size limit.
    public var maxResponseBytes: Int?
    /// Overrides the configured overall timeout.
    public var timeout: Double?
    /// libcurl's receive buffer in bytes (`CURLOPT_BUFFERSIZE`, at most 512 KiB); nil keeps curl's 16 KiB.
    /// Large file transfers use a big one so that the body sink is called less often with bigger chunks.
    public var receiveBufferSize: Int? = nil
    /// Connect to this address instead of resolving the URL's host again (`CURLOPT_CONNECT_TO`, one entry
    /// `HOST:PORT:ADDRESS:PORT`, an IPv6 address in brackets): the address a caller checked is the one connected to.
    public var connectTo: String? = nil
    /// False: a redirect is returned as the answer (status and `Location`), never followed, whatever the
    /// configuration's `maxRedirects` (account actions read a redirect to the login page at the first hop).
    public var followsRedirects: Bool = true
    /// A new connection, never a kept one (`CURLOPT_FRESH_CONNECT`): libcurl sends a request again by itself when a
    /// kept connection closes without an answer, even a POST, so a call that must never be sent twice (Meta's
    /// `media_publish`) asks for this; then a lost answer is an error for the caller to settle.
    public var freshConnection: Bool = false

    public init(method: String = "GET", url: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
                retryNonIdempotent: Bool = false, maxResponseBytes: Int? = nil, timeout: Double? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.retryNonIdempotent = retryNonIdempotent
        self.maxResponseBytes = maxResponseBytes
        self.timeout = timeout
    }
}

/// An answer: status, headers (in order) and body.
public struct HTTPClientResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// The URL that answered (after redirects).
    public var url: String

    public init(status: Int, headers: [(String, String)], body: [UInt8], url: String) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
    }

    /// The first value of a header, case-insensitively.
    public func header(_ name: String) -> String? {
        Self.header(name, in: headers)
    }

    /// The first value of a header in a list of `(name, value)` pairs, case-insensitively (requests, answers,
    /// the headers an error or `HTTPClient.HeadHandler` carries).
    public static func header(_ name: String, in headers: [(String, String)]) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.0.lowercased() == lower }?.1
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// `Retry-After` in seconds (delta-seconds form only).
    public var retryAfter: Double? { header("Retry-After").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } }
}
