import Foundation
import HTTPClient
import Logging
import Observability

/// The core of our Instagram API client: builds requests with the headers and cookies Instagram expects
/// (facts §1), sends them over an `HTTPClient` and classifies the answers (facts §8). Not thread-safe,
/// like the `HTTPClient` it owns: one per thread. Feature files add methods in extensions.
public final class InstagramWebClient {
    public let configuration: InstagramClientConfiguration
    /// The libcurl client the calls go through (timeouts, size limits, allow-list, transport retries).
    public let http: HTTPClient
    public var logger: Logger

    public init(configuration: InstagramClientConfiguration, http: HTTPClient, logger: Logger) {
        self.configuration = configuration
        self.http = http
        self.logger = logger
    }

    /// Redirects an API call follows (a locale, a trailing slash). A redirect to the login or challenge page is
    /// never followed: it is the answer, classified at the first hop from its `Location` (facts §7:
    /// a logged-out session or a spent anonymous budget gets a 302 to `/accounts/login/?next=…`, and while the
    /// budget is spent that page may redirect to itself).
    public static let apiRedirects = 4

    /// Whether a redirect's `Location` is the login wall or a challenge (the answer, not a hop to follow).
    public static func isSessionVerdict(location: String) -> Bool {
        let path = InstagramAnswerClassifier.pathOf(location)
        return path.hasPrefix("/accounts/login") || path.hasPrefix("/challenge")
    }

    /// An `HTTPClient` suited to API calls: up to `apiRedirects` redirects within the allowed hosts are
    /// followed, never one to the login or challenge page; only the two Instagram hosts plus `extraHosts` are allowed.
    public static func makeHTTPClient(configuration: InstagramClientConfiguration, extraHosts: [String] = [],
                                      maxRetries: Int = 2, requestTimeout: Double = 30) -> HTTPClient {
        let hosts = [configuration.webBaseURL, configuration.apiBaseURL].compactMap { URLParts($0)?.hostAndPort }
        let http = HTTPClient(configuration: HTTPClientConfiguration(
            requestTimeout: requestTimeout, allowedHosts: HostAllowList(hosts + extraHosts), maxRetries: maxRetries,
            maxRedirects: apiRedirects, userAgent: configuration.webUserAgent))
        http.keepsRedirect = isSessionVerdict(location:)
        return http
    }

    /// GET `path` (e.g. `/api/v1/accounts/current_user/`) and decode the JSON answer as `T`.
    public func getJSON<T: Decodable>(_ type: T.Type, path: String, query: [(String, String)] = [],
                                      session: InstagramSession?, host: InstagramHost = .web) throws(InstagramError) -> T {
        try decode(type, from: getData(path: path, query: query, session: session, host: host), path: path)
    }

    /// GET `path` and return the body of a successful JSON answer.
    public func getData(path: String, query: [(String, String)] = [], session: InstagramSession?,
                        host: InstagramHost = .web) throws(InstagramError) -> [UInt8] {
        let request = makeRequest(method: "GET", path: path, query: query, session: session, host: host)
        return try send(request, hasSession: session != nil)
    }

    /// POST a form to `path` (with `X-CSRFToken`) and decode the JSON answer as `T`.
    public func post<T: Decodable>(_ type: T.Type, path: String, form: [(String, String)],
                                   session: InstagramSession?, host: InstagramHost = .web) throws(InstagramError) -> T {
        var request = makeRequest(method: "POST", path: path, query: [], session: session, host: host)
        request.headers.append(("Content-Type", "application/x-www-form-urlencoded"))
        request.body = Array(FormEncoding.encode(form).utf8)
        return try decode(type, from: send(request, hasSession: session != nil), path: path)
    }

    /// Sends a prepared request and returns the body if Instagram's answer is a success.
    public func send(_ request: HTTPClientRequest, hasSession: Bool) throws(InstagramError) -> [UInt8] {
        let response: HTTPClientResponse
        do {
            response = try http.send(request)
        } catch {
            // A redirect to the login or challenge page on a host we do not call (another domain, a port the
            // links of a stand-in use) still says what the session is worth.
            if error.code == .hostNotAllowed,
               let verdict = InstagramAnswerClassifier.classifyRedirect(status: 302, location: error.url, hasSession: hasSession),
               verdict.code != .upstreamError {
                throw verdict
            }
            throw InstagramError(transport: error)
        }
        if let failure = InstagramAnswerClassifier.classify(
            status: response.status, body: response.body, location: response.header("Location"),
            finalURL: response.url, retryAfter: response.retryAfter, hasSession: hasSession) {
            logger.debug("instagram call failed", metadata: [.path: "\(URLParts(request.url)?.redacted ?? "")",
                                                            .code: "\(failure.code.rawValue)"])
            throw failure
        }
        return response.body
    }

    func decode<T: Decodable>(_ type: T.Type, from body: [UInt8], path: String) throws(InstagramError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            throw InstagramError(.badResponse, "unexpected answer shape from \(path)")
        }
    }
}

extension InstagramError {
    /// A transport failure: timeouts and cut connections are `network` (retryable), the rest configuration.
    init(transport error: HTTPClientError) {
        switch error.code {
        case .timeout, .connectionFailed, .transferFailed:
            self.init(.network, "\(error.code.rawValue): \(error.message)")
        case .tooLarge:
            self.init(.badResponse, "answer too large")
        case .tooManyRedirects:
            // A redirect loop, or an HTTP client that follows none: not a session verdict, and not worth retrying.
            self.init(.upstreamError, "Instagram kept redirecting (\(error.message))", httpStatus: 302)
        default:
            self.init(.configuration, error.description)
        }
    }
}
