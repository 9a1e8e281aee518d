import Web

/// An answer Meta gives instead of data: the Graph envelope (`{"error":{message,type,code,error_subcode,fbtrace_id}}`)
/// or, on `api.instagram.com/oauth/access_token`, the flat `{"error_type","code","error_message"}`.
public struct GraphError: Error, Sendable, CustomStringConvertible {
    /// A stable name for the request log (`token_expired`, `rate_limited`, ...).
    public var name: String
    public var response: HTTPResponse

    public var description: String { "\(response.status.code) \(name)" }

    /// The Graph envelope; `message` as Meta writes it (usually starting `(#code)`).
    static func graph(_ name: String, _ message: String, code: Int, subcode: Int? = nil, type: String = "OAuthException",
                      transient: Bool? = nil, status: HTTPStatus = .badRequest) -> GraphError {
        var fields: [(String, JSON)] = [("message", .string(message)), ("type", .string(type))]
        if let transient { fields.append(("is_transient", .bool(transient))) }
        fields.append(("code", .int(Int64(code))))
        if let subcode { fields.append(("error_subcode", .int(Int64(subcode)))) }
        fields.append(("fbtrace_id", .string("A" + GraphRandom.string(10))))
        var response = GraphResponse.json(.object([("error", .object(fields))]), status: status)
        if code == 190 || code == 100 && subcode == 36009 {
            response.headers["WWW-Authenticate"] = "OAuth \"Facebook Platform\" \"invalid_token\" \"\(message)\""
        }
        return GraphError(name: name, response: response)
    }

    /// The flat shape of Instagram Login's code exchange (HTTP 400).
    static func instagramOAuth(_ message: String) -> GraphError {
        GraphError(name: "oauth_exception", response: GraphResponse.json(
            .object([("error_type", "OAuthException"), ("code", 400), ("error_message", .string(message))]), status: .badRequest))
    }

    static func missingParameter(_ name: String) -> GraphError {
        graph("missing_parameter", "(#100) The parameter \(name) is required", code: 100)
    }

    static func nonexistingField(_ field: String) -> GraphError {
        graph("unknown_field", "(#100) Tried accessing nonexisting field (\(field))", code: 100)
    }

    static func unsupportedGet(_ id: String) -> GraphError {
        graph("unsupported_get", "Unsupported get request. Object with ID '\(id)' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
              code: 100, subcode: 33, type: "GraphMethodException")
    }

    static let noToken = graph("no_token", "An active access token must be used to query information about the current user.", code: 2500)
    static let unparsableToken = graph("invalid_token", "Invalid OAuth access token - Cannot parse access token", code: 190)

    /// A version older than the oldest served. Meta's documented code for a retired version is 2635 (the Marketing
    /// API references: "(#2635) You are calling a deprecated version of the Ads API. Please update to the latest
    /// version"); graph-api.md §0 leaves the Graph API's own answer unsettled, so the sandbox answers the same, HTTP 400.
    static func retiredVersion(_ version: String, latest: Int) -> GraphError {
        graph("version_retired", "(#2635) You are calling a deprecated version of the Graph API (\(version)). Please update to the latest version: v\(latest).0.",
              code: 2635)
    }

    static func unknownPath(_ path: String) -> GraphError {
        graph("unknown_path", "Unknown path components: \(path)", code: 2500)
    }
}

/// Random identifiers and tokens.
enum GraphRandom {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    static func string(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String(decoding: (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }, as: UTF8.self)
    }
}

/// Answers the way Meta's Graph hosts send them.
enum GraphResponse {
    static func json(_ value: JSON, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([
            ("Content-Type", "application/json; charset=UTF-8"), ("Cache-Control", "no-store"),
            ("Access-Control-Allow-Origin", "*"), ("facebook-api-version", "v24.0"),
        ]), body: value.bytes)
    }
}
