/// The answer to one request, written back to the web server as CGI output (`Status:` line, headers, body).
public struct FastCGIResponse: Sendable {
    public var status: Int
    public var reason: String
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, reason: String, headers: [(String, String)], body: [UInt8]) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// The CGI header block followed by the body, ready to write in one call.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + headers.count * 32 + body.count)
        out.append(contentsOf: "Status: \(status) \(reason)\r\n".utf8)
        for (name, value) in headers {
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: ": ".utf8)
            // A header value never carries a line break: that would split the response.
            for byte in value.utf8 where byte != 13 && byte != 10 { out.append(byte) }
            out.append(contentsOf: "\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        out.append(contentsOf: body)
        return out
    }
}
