import FastCGI

/// An HTTP answer: status, headers and a body held in memory.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON answer of an `Encodable` value.
    public static func json<T: Encodable>(_ value: T, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json; charset=utf-8")]),
                     body: JSONCoding.encode(value))
    }

    /// A body with a content type.
    public static func bytes(_ body: [UInt8], contentType: String, status: HTTPStatus = .ok) -> HTTPResponse {
        var headers = HTTPHeaders(capacity: 4) // room for the few the server adds (X-Request-ID, ...)
        headers.add("Content-Type", contentType)
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// A text answer.
    public static func text(_ text: String, contentType: String = "text/plain; charset=utf-8",
                            status: HTTPStatus = .ok) -> HTTPResponse {
        bytes(Array(text.utf8), contentType: contentType, status: status)
    }

    /// The envelope for an error, with its headers.
    public static func error(_ error: APIError, requestID: String?) -> HTTPResponse {
        var response = json(ErrorEnvelope(error, requestID: requestID), status: error.status)
        for (name, value) in error.headers { response.headers[name] = value }
        return response
    }

    /// The same answer without a body, for `HEAD`.
    public func withoutBody() -> HTTPResponse {
        var copy = self
        copy.headers["Content-Length"] = String(body.count)
        copy.body = []
        return copy
    }

    /// The answer as CGI output for the FastCGI server. It carries its `Content-Length` (the body is in
    /// memory), so nginx passes it on instead of re-framing the body as chunked; not with `X-Accel-Redirect`,
    /// whose file nginx sizes itself.
    public func fastCGIResponse() -> FastCGIResponse {
        var fields = headers.fields
        if headers["Content-Length"] == nil && headers["X-Accel-Redirect"] == nil {
            fields.append((name: "Content-Length", value: String(body.count)))
        }
        return FastCGIResponse(status: status.code, reason: status.reason, headers: fields, body: body)
    }
}
