import Foundation
import HTTPClient
import Testing

/// The sandbox `deploy/test` started behind nginx, found through `INSTAGATE_TEST_SANDBOX_URL`.
enum SandboxTestEnvironment {
    /// e.g. `http://127.0.0.1:8081`; nil when the sandbox is not running (the suite is then skipped).
    static var url: String? {
        let value = ProcessInfo.processInfo.environment["INSTAGATE_TEST_SANDBOX_URL"] ?? ""
        return value.isEmpty ? nil : (value.hasSuffix("/") ? String(value.dropLast()) : value)
    }

    static let skipReason: Comment = "INSTAGATE_TEST_SANDBOX_URL is not set: start the sandbox with --admin behind nginx (deploy/test does) to run the sandbox tests"
}

/// A client for the sandbox: no retries, no redirects, so tests see every answer as it is.
struct SandboxTestClient {
    let client = HTTPClient(configuration: HTTPClientConfiguration(
        requestTimeout: 60, lowSpeedLimit: 1, lowSpeedTime: 60, maxResponseBytes: 64 << 20, maxRetries: 0,
        maxRedirects: 0, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/142.0.0.0 Safari/537.36"))
    let base = SandboxTestEnvironment.url ?? ""

    func send(_ method: String = "GET", _ target: String, headers: [(String, String)] = [], body: String? = nil,
              timeout: Double? = nil) throws -> HTTPClientResponse {
        let url = target.hasPrefix("http") ? target : base + target
        var request = HTTPClientRequest(method: method, url: url, headers: headers, body: body.map { Array($0.utf8) })
        request.timeout = timeout
        return try client.send(request)
    }

    /// The status of a GET; a redirect (which the client refuses to follow) counts as 302.
    func status(_ target: String, headers: [(String, String)] = []) throws -> Int {
        do {
            return try send("GET", target, headers: headers).status
        } catch let error as HTTPClientError where error.code == .tooManyRedirects {
            return 302
        }
    }

    /// An admin call with a JSON body.
    func admin(_ method: String, _ path: String, _ json: String? = nil) throws -> [String: Any] {
        let answer = try send(method, path, headers: [("Content-Type", "application/json")], body: json)
        return (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any] ?? [:]
    }

    /// A fresh valid session for a world user: the cookie header and the CSRF token.
    func session(_ username: String, state: String = "valid") throws -> (cookie: String, csrf: String) {
        let created = try admin("POST", "/__sandbox/sessions", #"{"username":"\#(username)","state":"\#(state)","unlimited":true}"#)
        let cookie = created["sessionid_cookie"] as? String ?? ""
        let csrf = created["csrftoken"] as? String ?? ""
        return ("sessionid=\(cookie); csrftoken=\(csrf)", csrf)
    }

    /// Web API headers for a session.
    func web(_ session: (cookie: String, csrf: String)) -> [(String, String)] {
        [("Cookie", session.cookie), ("X-CSRFToken", session.csrf), ("X-IG-App-ID", "936619743392459"),
         ("X-Requested-With", "XMLHttpRequest")]
    }

    /// The world's post entry with this fixture key.
    func post(_ key: String) throws -> [String: Any] {
        let posts = try admin("GET", "/__sandbox/world")["posts"] as? [[String: Any]] ?? []
        return try #require(posts.first { $0["key"] as? String == key })
    }
}

extension HTTPClientResponse {
    /// The body as a JSON object, empty when it is not one.
    var sandboxJSON: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }
}
