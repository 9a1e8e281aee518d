import FastCGI

/// An HTTP request as the responder sees it, built from FastCGI parameters.
public struct HTTPRequest: Sendable {
    /// Upper-case method (`GET`, `POST`, ...).
    public var method: String
    /// The path as sent, percent-escapes intact, without the query string.
    public var rawPath: String
    /// The query string as sent (without `?`).
    public var rawQuery: String
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// nginx's `$request_id` (FastCGI param `REQUEST_ID`), else a valid `X-Request-ID`, else generated.
    public var requestID: String
    /// The client address (`REMOTE_ADDR`).
    public var remoteAddress: String
    /// Values of `{name}` segments of the matched route, percent-decoded.
    public var pathParameters: [String: String] = [:]
    /// Every FastCGI parameter, for the rare handler that needs one (`HTTPS`, `SERVER_NAME`, ...).
    public var params: FastCGIParams

    public init(method: String, rawPath: String, rawQuery: String = "", headers: HTTPHeaders = HTTPHeaders(),
                body: [UInt8] = [], requestID: String = RequestID.generate(), remoteAddress: String = "",
                params: FastCGIParams = [:]) {
        self.method = method
        self.rawPath = rawPath
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
        self.requestID = requestID
        self.remoteAddress = remoteAddress
        self.params = params
    }

    /// Builds the request from FastCGI parameters. Throws 413 for a body over the limit.
    public init(fastCGI request: FastCGIRequest) throws(APIError) {
        self.init(parsing: request)
        if request.bodyTooLarge { throw APIError.payloadTooLarge }
    }

    /// Builds the request from FastCGI parameters without judging it (the caller checks
    /// `FastCGIRequest.bodyTooLarge`): method, path, query, headers and request id are always set.
    public init(parsing request: FastCGIRequest) {
        let params = request.params, common = params.common
        var headers = HTTPHeaders(params.headers)
        if let type = common.contentType, !type.isEmpty { headers["Content-Type"] = type }
        if let length = common.contentLength, !length.isEmpty { headers["Content-Length"] = length }
        let uri = common.requestURI ?? (common.scriptName ?? "/") + (common.pathInfo ?? "")
        let (path, query) = HTTPRequest.split(uri: uri, fallbackQuery: common.queryString)
        let id = RequestID.valid(common.requestID) ?? RequestID.valid(headers["X-Request-ID"]) ?? RequestID.generate()
        self.init(method: HTTPRequest.uppercasedMethod(common.method ?? "GET"), rawPath: path, rawQuery: query,
                  headers: headers, body: request.body, requestID: id, remoteAddress: common.remoteAddress ?? "",
                  params: params)
    }

    /// The decoded path (for logs and matching of literal segments).
    public var path: String { PercentDecoding.decode(Substring(rawPath)) ?? rawPath }

    /// Query items in order, decoded (`+` is a space). Items that do not decode are skipped.
    public var queryItems: [(name: String, value: String)] {
        rawQuery.split(separator: "&", omittingEmptySubsequences: true).compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentDecoding.decode(parts[0], plusAsSpace: true) else { return nil }
            let value = parts.count > 1 ? PercentDecoding.decode(parts[1], plusAsSpace: true) : ""
            return value.map { (name: name, value: $0) }
        }
    }

    /// The first value of a query parameter.
    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// A path parameter of the matched route.
    public func parameter(_ name: String) -> String? {
        pathParameters[name]
    }

    /// Cookies from the `Cookie` header; a malformed pair is skipped.
    public var cookies: [String: String] {
        var result: [String: String] = [:]
        for header in headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else { continue }
                let name = parts[0].trimmingSpaces
                guard !name.isEmpty, result[name] == nil else { continue }
                result[name] = PercentDecoding.decode(Substring(parts[1].trimmingSpaces)) ?? parts[1].trimmingSpaces
            }
        }
        return result
    }

    static func split(uri: String, fallbackQuery: String?) -> (String, String) {
        let utf8 = uri.utf8
        let end = utf8.firstIndex(of: UInt8(ascii: "#")) ?? utf8.endIndex
        if let mark = utf8[..<end].firstIndex(of: UInt8(ascii: "?")) {
            return (String(uri[..<mark]), String(uri[utf8.index(after: mark)..<end]))
        }
        return (end == utf8.endIndex ? uri : String(uri[..<end]), fallbackQuery ?? "")
    }

    /// The method in upper case; web servers already send it so, which costs no copy.
    static func uppercasedMethod(_ method: String) -> String {
        method.utf8.allSatisfy { $0 >= 65 && $0 <= 90 } ? method : method.uppercased()
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
