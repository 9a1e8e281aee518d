import Foundation
import HTTPClient
import Testing

/// Helpers of the account actions' integration tests (issue 15): sandbox sessions saved in instagate for a new
/// API key, actions through nginx, the sandbox's world and request log.
struct ActionTestKit {
    let http = TestHTTP(timeout: 60)
    let sandbox = SandboxTestClient()

    static var available: Bool { TestStack.isAvailable && SandboxTestEnvironment.url != nil }

    /// A sandbox login of a world user.
    struct SandboxLogin {
        var sessionID: String
        var cookie: String
        var csrf: String
    }

    /// A fresh sandbox login (exempt from the sandbox's own pacing) in `state`.
    func login(_ username: String, state: String = "valid") throws -> SandboxLogin {
        let created = try sandbox.admin("POST", "/__sandbox/sessions", #"{"username":"\#(username)","state":"\#(state)","unlimited":true}"#)
        return SandboxLogin(sessionID: created["sessionid"] as? String ?? "", cookie: created["sessionid_cookie"] as? String ?? "",
                            csrf: created["csrftoken"] as? String ?? "")
    }

    /// Saves a fresh login of `username` in the earlier service's shape for a new API key; the key and the login.
    func saved(_ username: String, userAgent: String? = nil) throws -> (key: String, login: SandboxLogin) {
        let key = try TestStack.newKey()
        let login = try login(username)
        let answer = try save(username, login, key: key, userAgent: userAgent)
        #expect(answer.status == 201, "save \(username): \(answer.text.prefix(300))")
        return (key, login)
    }

    func save(_ username: String, _ login: SandboxLogin, key: String, userAgent: String? = nil) throws -> HTTPClientResponse {
        let agent = userAgent.map { #","user_agent":"\#($0)""# } ?? ""
        return try http.postJSON("/api/instagram/session", #"""
            {"username":"\#(username)","session_id":"doc-\#(username)","cookies":{"sessionid":"\#(login.cookie)","csrftoken":"\#(login.csrf)"}\#(agent)}
            """#, key: key)
    }

    /// Sets what the sandbox thinks of a login (`expired`, `checkpoint`, `action_blocked`).
    func setState(_ login: SandboxLogin, _ state: String) throws {
        let answer = try sandbox.admin("PUT", "/__sandbox/sessions/\(login.sessionID)", #"{"state":"\#(state)"}"#)
        #expect(answer["state"] as? String == state, "\(answer)")
    }

    /// POST /api/instagram/<path> with a JSON body.
    func act(_ path: String, _ json: String, key: String) throws -> HTTPClientResponse {
        try http.postJSON("/api/instagram/\(path)", json, key: key)
    }

    /// `data.limits` of GET /api/instagram/limits/{username}.
    func limits(_ username: String, key: String) throws -> [String: [String: Any]] {
        let answer = try http.get("/api/instagram/limits/\(username)", key: key)
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        return (answer.json["data"] as? [String: Any])?["limits"] as? [String: [String: Any]] ?? [:]
    }

    func used(_ username: String, _ action: String, key: String) throws -> Int {
        (try limits(username, key: key)[action]?["used"] as? NSNumber)?.intValue ?? -1
    }

    /// The sandbox's world (users, follows, likes, comments, posts).
    func world() throws -> [String: Any] { try sandbox.admin("GET", "/__sandbox/world") }

    /// A world post's entry.
    func post(_ key: String) throws -> [String: Any] { try sandbox.post(key) }

    /// Requests the sandbox logged after `after` whose path starts with `path`.
    func requests(after: Int, path: String = "/") throws -> [[String: Any]] {
        try sandbox.admin("GET", "/__sandbox/requests?after=\(after)&path=\(path)&limit=1000")["requests"] as? [[String: Any]] ?? []
    }

    func lastRequestSequence() throws -> Int {
        let all = try sandbox.admin("GET", "/__sandbox/requests?limit=1")["requests"] as? [[String: Any]] ?? []
        return all.compactMap { ($0["seq"] as? NSNumber)?.intValue }.max() ?? 0
    }

    /// The first generated pk of bigstar's follower graph (users anyone may follow).
    func generatedBase() throws -> UInt64 {
        let accounts = try world()["generated_accounts"] as? [[String: Any]] ?? []
        let base = accounts.first.flatMap { $0["first_generated_pk"] as? String }.flatMap(UInt64.init)
        return try #require(base)
    }

    /// The world's follows whose follower is `username`.
    func follows(by username: String) throws -> [[String: Any]] {
        (try world()["follows"] as? [[String: Any]] ?? []).filter { $0["follower"] as? String == username }
    }
}
