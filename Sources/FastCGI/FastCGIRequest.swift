/// One request as the web server handed it over: the FastCGI (or CGI) parameters and the body.
public struct FastCGIRequest: Sendable {
    /// The request's parameters (`REQUEST_METHOD`, `REQUEST_URI`, `HTTP_*` headers, ...).
    public var params: FastCGIParams
    /// The body, read up to the configured limit.
    public var body: [UInt8]
    /// The declared or actual body was larger than the limit; `body` is then empty and unread.
    public var bodyTooLarge: Bool

    public init(params: FastCGIParams, body: [UInt8] = [], bodyTooLarge: Bool = false) {
        self.params = params
        self.body = body
        self.bodyTooLarge = bodyTooLarge
    }
}
