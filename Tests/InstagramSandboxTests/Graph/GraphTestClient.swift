import Foundation
import Web
@testable import InstagramSandbox

/// Requests to the sandbox's Meta hosts (by `Host`), and the OAuth steps tests repeat.
struct GraphTestClient {
    let sandbox = TestSandbox()
    static let instagramApp = (id: "990011223344556", secret: "sandbox-instagram-app-secret-7c1e")
    static let facebookApp = (id: "1122334455667788", secret: "sandbox-facebook-app-secret-4d2a")
    static let redirect = "http://127.0.0.1:8080/api/sns/instagram/callback"

    func send(_ method: String = "GET", host: String, _ target: String, token: String? = nil, form: [(String, String)] = []) -> HTTPResponse {
        var headers: [(String, String)] = [("Host", host)]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        let body = form.map { "\($0.0)=\(PercentDecoding.encode($0.1))" }.joined(separator: "&")
        return sandbox.send(method, target, headers: headers, body: body, appID: nil)
    }

    func admin(_ method: String, _ path: String, _ json: String) -> [String: Any] {
        sandbox.send(method, path, headers: [("Content-Type", "application/json")], body: json, appID: nil).object
    }

    func advance(_ seconds: Double) { _ = admin("POST", "/__sandbox/graph/clock", #"{"advance_seconds": \#(seconds)}"#) }

    /// The consent page's decision: the redirect's query items (code or error, state).
    func decide(_ decision: String, flavour: String = "instagram", account: String = "bigstar", state: String = "st4te") -> [String: String] {
        let (host, path, app) = flavour == "instagram" ? ("www.instagram.com", "/oauth/authorize", GraphTestClient.instagramApp)
                                                       : ("www.facebook.com", "/v24.0/dialog/oauth", GraphTestClient.facebookApp)
        let query = "client_id=\(app.id)&redirect_uri=\(PercentDecoding.encode(GraphTestClient.redirect))&response_type=code&scope=instagram_business_basic,instagram_business_manage_insights&state=\(state)"
        let answer = send("POST", host: host, path + "?" + query, form: [("decision", decision), ("account", account)])
        guard answer.status.code == 302, let location = answer.headers["Location"] else { return ["status": "\(answer.status.code)"] }
        let queryPart = location.split(separator: "?", maxSplits: 1).last.map(String.init) ?? ""
        var items: [String: String] = ["location": location]
        for pair in queryPart.split(separator: "#").first?.split(separator: "&") ?? [] {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            items[parts[0]] = parts.count > 1 ? PercentDecoding.decode(Substring(parts[1]), plusAsSpace: true) : ""
        }
        return items
    }

    /// Instagram Login up to a long-lived token.
    func instagramLongToken(account: String = "bigstar") -> String {
        let code = decide("allow", account: account)["code"] ?? ""
        let short = exchangeInstagram(code: code)
        let entry = ((short.object["data"] as? [[String: Any]])?.first) ?? [:]
        let long = send(host: "graph.instagram.com", "/access_token?grant_type=ig_exchange_token&client_secret=\(GraphTestClient.instagramApp.secret)",
                        token: entry["access_token"] as? String ?? "")
        return long.object["access_token"] as? String ?? ""
    }

    /// Facebook Login up to a long-lived user token (of the Page-linked account).
    func facebookLongToken(account: String = "seoul.traveler") -> String {
        let code = decide("allow", flavour: "facebook", account: account)["code"] ?? ""
        let app = GraphTestClient.facebookApp
        let short = send(host: "graph.facebook.com", "/v24.0/oauth/access_token?client_id=\(app.id)&client_secret=\(app.secret)&redirect_uri=\(PercentDecoding.encode(GraphTestClient.redirect))&code=\(code)")
        let long = send(host: "graph.facebook.com", "/v24.0/oauth/access_token?grant_type=fb_exchange_token&client_id=\(app.id)&client_secret=\(app.secret)&fb_exchange_token=\(short.object["access_token"] as? String ?? "")")
        return long.object["access_token"] as? String ?? ""
    }

    func exchangeInstagram(code: String, redirect: String = GraphTestClient.redirect) -> HTTPResponse {
        send("POST", host: "api.instagram.com", "/oauth/access_token", form: [
            ("client_id", GraphTestClient.instagramApp.id), ("client_secret", GraphTestClient.instagramApp.secret),
            ("grant_type", "authorization_code"), ("redirect_uri", redirect), ("code", code)])
    }
}

extension HTTPResponse {
    /// `error` of Meta's envelope.
    var graphError: [String: Any] { object["error"] as? [String: Any] ?? [:] }
    var graphCode: Int? { (graphError["code"] as? NSNumber)?.intValue }
    var graphSubcode: Int? { (graphError["error_subcode"] as? NSNumber)?.intValue }
}
