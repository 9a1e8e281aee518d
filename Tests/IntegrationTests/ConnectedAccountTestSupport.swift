import Foundation
import HTTPClient
import Testing

/// The OAuth round trip of connected accounts, driven like a browser: instagate's auth_url, the sandbox's consent
/// page (its form read and submitted), Meta's redirect back to instagate's callback, each redirect followed by hand.
struct ConnectedAccountFlow {
    let http = TestHTTP()
    let sandbox = SandboxTestClient()
    let key: String
    static let apps = ["instagram": "990011223344556", "facebook": "1122334455667788"]

    /// A new API user, and the callback registered with both sandbox apps (as on the app dashboard).
    init() throws {
        key = try TestStack.newKey()
        for id in ConnectedAccountFlow.apps.values {
            _ = try sandbox.admin("POST", "/__sandbox/graph/apps/\(id)/redirect-uris",
                                  #"{"uri":"\#(TestStack.baseURL)/api/sns/instagram/callback"}"#)
        }
    }

    /// POST `/api/sns/instagram/oauth/authorize` → auth_url.
    func authURL(flavour: String) throws -> String {
        let answer = try http.postJSON("/api/sns/instagram/oauth/authorize", #"{"flavour":"\#(flavour)"}"#, key: key)
        #expect(answer.status == 200, "\(answer.text)")
        return try #require(answer.json["auth_url"] as? String)
    }

    /// A browser: follows Meta's redirect back to instagate (the POST becomes a GET, the fragment stays behind).
    let browser = HTTPClient(configuration: HTTPClientConfiguration(requestTimeout: 30, maxRetries: 0, maxRedirects: 2,
                                                                    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/142.0.0.0"))

    /// Opens the consent page, submits its form with `decision` as `account` and follows the redirect to instagate's
    /// callback: its answer (`url` is the callback URL with the code and state).
    func consent(_ authURL: String, decision: String = "allow", account: String, json: Bool = false) throws -> HTTPClientResponse {
        let page = try browser.send(HTTPClientRequest(method: "GET", url: authURL))
        #expect(page.status == 200 && page.text.contains("id=\"consent-form\""), "\(page.text.prefix(300))")
        var fields = ConnectedAccountFlow.hiddenFields(page.text)
        fields.append(("decision", decision))
        fields.append(("account", account))
        let body = fields.map { "\($0.0)=\(ConnectedAccountFlow.formEncode($0.1))" }.joined(separator: "&")
        var headers = [("Content-Type", "application/x-www-form-urlencoded")]
        if json { headers.append(("Accept", "application/json")) }
        let landed = try browser.send(HTTPClientRequest(method: "POST", url: authURL, headers: headers, body: Array(body.utf8)))
        #expect(landed.url.hasPrefix(TestStack.baseURL + "/api/sns/instagram/callback?"), "\(landed.url)")
        return landed
    }

    /// Follows Meta's redirect to instagate's callback (without the fragment, as a browser sends it).
    func callback(_ location: String, json: Bool = false) throws -> HTTPClientResponse {
        var path = String(location.split(separator: "#").first ?? "")
        #expect(path.hasPrefix(TestStack.baseURL + "/api/sns/instagram/callback?"), "\(path)")
        path = String(path.dropFirst(TestStack.baseURL.count))
        return try http.get(path + (json ? "&format=json" : ""), key: nil)
    }

    /// The whole round trip; the connected accounts' JSON.
    func connect(flavour: String, account: String) throws -> [[String: Any]] {
        let answer = try consent(try authURL(flavour: flavour), account: account, json: true)
        #expect(answer.status == 200, "\(answer.text)")
        return answer.json["accounts"] as? [[String: Any]] ?? []
    }

    func get(_ path: String) throws -> HTTPClientResponse { try http.get(path, key: key) }

    static func hiddenFields(_ html: String) -> [(String, String)] {
        var fields: [(String, String)] = []
        let pattern = try? NSRegularExpression(pattern: #"<input type="hidden" name="([a-z_]+)" value="([^"]*)">"#)
        for match in pattern?.matches(in: html, range: NSRange(html.startIndex..., in: html)) ?? [] {
            guard let name = Range(match.range(at: 1), in: html), let value = Range(match.range(at: 2), in: html) else { continue }
            let text = html[value].replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            fields.append((String(html[name]), text))
        }
        return fields
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The query item of a URL.
    static func query(_ url: String, _ name: String) -> String? {
        URLComponents(string: String(url.split(separator: "#").first ?? ""))?.queryItems?.first { $0.name == name }?.value
    }

    func advanceGraphClock(days: Double) throws {
        _ = try sandbox.admin("POST", "/__sandbox/graph/clock", #"{"advance_seconds": \#(days * 86_400)}"#)
    }

    func resetGraphClock() throws {
        _ = try sandbox.admin("POST", "/__sandbox/graph/clock", #"{"reset": true}"#)
    }
}
