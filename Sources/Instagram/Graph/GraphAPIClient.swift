import Foundation
import HTTPClient
import Logging

/// Our client of Meta's Graph API for one app: the OAuth code exchange, long-lived tokens and their refresh,
/// the account and its media. Tokens travel in the `Authorization` header (never in a URL that could be
/// logged); errors are classified by `code`/`error_subcode` into `GraphAPIError`. Not thread-safe (one
/// `HTTPClient`): one per thread or job.
public final class GraphAPIClient {
    public let app: GraphAppConfiguration
    public let http: HTTPClient
    /// The usage headers of the last answer that carried them.
    public private(set) var usage = GraphUsage()
    private var unreportedUsage: GraphUsage?

    public init(app: GraphAppConfiguration, http: HTTPClient) {
        self.app = app
        self.http = http
    }

    /// An `HTTPClient` for the app's hosts only (`extraHosts`: the host of a sandbox's `hostBase`), no redirects.
    public static func makeHTTPClient(app: GraphAppConfiguration, maxRetries: Int = 2, requestTimeout: Double = 20) -> HTTPClient {
        var hosts = app.hosts
        if let base = URLParts(app.url("graph.instagram.com")), !base.host.hasSuffix("instagram.com") { hosts = [base.hostAndPort] }
        return HTTPClient(configuration: HTTPClientConfiguration(
            requestTimeout: requestTimeout, allowedHosts: HostAllowList(hosts), maxRetries: maxRetries, maxRedirects: 0,
            userAgent: "instagate-graph/1.0"))
    }

    /// Sends one request and returns the decoded JSON object; Meta's errors become `GraphAPIError`.
    /// `once`: on a new connection, so that libcurl never sends it again by itself (`HTTPClientRequest.freshConnection`).
    func call(_ method: String, _ url: String, query: [(String, String)] = [], form: [(String, String)]? = nil,
              token: String? = nil, once: Bool = false) throws(GraphAPIError) -> [String: Any] {
        var headers: [(String, String)] = [("Accept", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        var body: [UInt8]?
        if let form {
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            body = Array(GraphAPIClient.encode(form).utf8)
        }
        let full = query.isEmpty ? url : url + "?" + GraphAPIClient.encode(query)
        let response: HTTPClientResponse
        do {
            var request = HTTPClientRequest(method: method, url: full, headers: headers, body: body)
            request.freshConnection = once
            response = try http.send(request)
        } catch {
            throw GraphAPIError(transport: error)
        }
        readUsage(response)
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        guard response.status == 200 else {
            var error = GraphAPIClient.error(status: response.status, object: object)
            if error.kind == .versionRetired { error.version = app.version }
            throw error
        }
        guard let object else {
            throw GraphAPIError(kind: .badAnswer, status: response.status, message: "the answer is not a JSON object")
        }
        return object
    }

    /// The error of a non-200 answer: the Graph envelope, the flat OAuth shape, or the status alone.
    static func error(status: Int, object: [String: Any]?) -> GraphAPIError {
        if let envelope = object?["error"] as? [String: Any] {
            let code = (envelope["code"] as? NSNumber)?.intValue ?? 0
            let subcode = (envelope["error_subcode"] as? NSNumber)?.intValue
            let message = envelope["message"] as? String ?? "Graph API error"
            var kind = GraphAPIError.kind(code: code, subcode: subcode, status: status)
            if code == 100, let subcode, (36007...36010).contains(subcode) { kind = .oauthRejected }
            return GraphAPIError(kind: kind, status: status, code: code, subcode: subcode, message: message)
        }
        if let message = object?["error_message"] as? String {
            return GraphAPIError(kind: .oauthRejected, status: status, code: (object?["code"] as? NSNumber)?.intValue, message: message)
        }
        let kind: GraphAPIError.Kind = status >= 500 ? .transient : .badAnswer
        return GraphAPIError(kind: kind, status: status, message: "HTTP \(status) without Meta's error envelope")
    }

    func readUsage(_ response: HTTPClientResponse) {
        let read = GraphUsage(appUsage: response.header("x-app-usage"), businessUseCaseUsage: response.header("x-business-use-case-usage"))
        guard !read.isEmpty else { return }
        usage = read
        unreportedUsage = read
    }

    /// The usage headers of the last answer that carried them, once: nil when no answer since the last take had them.
    public func takeUsage() -> GraphUsage? {
        defer { unreportedUsage = nil }
        return unreportedUsage
    }

    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(percent($0.0))=\(percent($0.1))" }.joined(separator: "&")
    }

    static func percent(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
