import Glibc

/// The answer to one request, written back to the web server as CGI output (`Status:` line, headers, body).
public struct FastCGIResponse: Sendable {
    public var status: Int
    public var reason: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, reason: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// The CGI header block followed by the body, ready to write in one call.
    public func serialized() -> [UInt8] {
        var capacity = 32 + reason.utf8.count + body.count
        for (name, value) in headers {
            if FastCGIResponse.hasLineBreak(value) { return serializedStrippingLineBreaks() }
            capacity += name.utf8.count + value.utf8.count + 4
        }
        return ByteWriter.bytes(capacity: capacity) { out in
            out.write(literal: "Status: ")
            out.write(decimal: status)
            out.write(byte: UInt8(ascii: " "))
            out.write(reason)
            out.write(literal: "\r\n")
            for (name, value) in headers {
                out.write(name)
                out.write(literal: ": ")
                out.write(value)
                out.write(literal: "\r\n")
            }
            out.write(literal: "\r\n")
            out.write(body)
        }
    }

    private static func hasLineBreak(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 13, bytes.count) != nil || memchr(base, 10, bytes.count) != nil
        }
    }

    /// A header value never carries a line break: that would split the response.
    private func serializedStrippingLineBreaks() -> [UInt8] {
        var copy = self
        copy.headers = headers.map { (name: $0.name, value: String(decoding: $0.value.utf8.filter { $0 != 13 && $0 != 10 }, as: UTF8.self)) }
        return copy.serialized()
    }
}
