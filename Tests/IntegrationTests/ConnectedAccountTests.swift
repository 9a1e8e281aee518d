import Foundation
import HTTPClient
import Testing

/// Connected professional accounts through nginx → responder → PostgreSQL → sandbox's Graph API: the OAuth round
/// trip of both logins by following the redirects, the callback's refusals, reads, another user's account,
/// revocation and expiry across sandbox days. Serialized: tests move the sandbox's Graph clock.
@Suite(.threaded, .needsStackAndSandbox, .serialized)
struct ConnectedAccountTests {
    @Test func instagramLoginRoundTripConnectsAndReads() throws {
        let flow = try ConnectedAccountFlow()
        let page = try flow.consent(try flow.authURL(flavour: "instagram"), account: "bigstar")
        #expect(page.status == 200 && page.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(page.text.contains("Connected: <strong>@bigstar</strong>"))
        let list = try flow.get("/api/sns/instagram/accounts")
        let account = try #require((list.json["accounts"] as? [[String: Any]])?.first)
        #expect(account["username"] as? String == "bigstar" && account["status"] as? String == "connected")
        #expect(account["flavour"] as? String == "instagram" && account["account_type"] as? String == "creator")
        #expect(!list.text.contains("IGAA") && !list.text.contains("access_token"))
        let id = try #require(account["account_id"] as? Int)
        let info = try flow.get("/api/sns/instagram/account/info?account_id=\(id)&refresh=true")
        let profile = try #require(info.json["account"] as? [String: Any])
        #expect(profile["username"] as? String == "bigstar" && profile["from_cache"] as? Bool == false)
        #expect((profile["followers"] as? Int ?? 0) > 0 && profile["followers"] as? Int == profile["followers_count"] as? Int)
        let cached = try flow.get("/api/sns/instagram/account/info?account_id=\(id)")
        #expect((cached.json["account"] as? [String: Any])?["from_cache"] as? Bool == true)
        let media = try flow.get("/api/sns/instagram/media?account_id=\(id)&limit=1")
        #expect(media.status == 200, "\(media.text)")
        let items = try #require(media.json["media"] as? [[String: Any]])
        #expect(items.count == 1 && items.first?["permalink"] as? String != nil)
        if let cursor = media.json["next_cursor"] as? String {
            let next = try flow.get("/api/sns/instagram/media?account_id=\(id)&limit=1&cursor=\(cursor)")
            #expect((next.json["media"] as? [[String: Any]])?.first?["id"] as? String != items.first?["id"] as? String)
        }
        #expect(!media.text.contains("IGAA"))
    }

    @Test func facebookLoginConnectsThePageAccountAndDeleteRevokes() throws {
        let flow = try ConnectedAccountFlow()
        let accounts = try flow.connect(flavour: "facebook", account: "seoul.traveler")
        let account = try #require(accounts.first)
        #expect(account["username"] as? String == "seoul.traveler" && account["flavour"] as? String == "facebook")
        #expect(account["page_id"] as? String == "104872339912301" && account["status"] as? String == "connected")
        let id = try #require(account["account_id"] as? Int)
        #expect(try flow.get("/api/sns/instagram/media?account_id=\(id)&limit=5").status == 200)
        let deleted = try flow.http.send("DELETE", "/api/sns/instagram/accounts/\(id)", key: flow.key)
        #expect(deleted.status == 200 && deleted.json["deleted"] as? Int == id)
        let tokens = try flow.sandbox.admin("GET", "/__sandbox/graph")["tokens"] as? [[String: Any]] ?? []
        #expect(tokens.contains { $0["username"] as? String == "seoul.traveler" && $0["revoked"] as? Int == 458 })
        #expect(try flow.get("/api/sns/instagram/accounts").json["count"] as? Int == 0)
    }

    @Test func callbackRefusesDenialForgedReplayedStateAndReusedCode() throws {
        let flow = try ConnectedAccountFlow()
        let denied = try flow.consent(try flow.authURL(flavour: "instagram"), decision: "deny", account: "bigstar")
        #expect(denied.status == 403 && denied.text.contains("ACCESS_DENIED"))
        let connected = try flow.consent(try flow.authURL(flavour: "instagram"), account: "bigstar")
        #expect(connected.status == 200)
        let location = connected.url
        let replayed = try flow.callback(location, json: true)
        replayed.expectEnvelope(status: 400, code: "STATE_ALREADY_USED")
        let code = try #require(ConnectedAccountFlow.query(location, "code"))
        let fresh = try #require(ConnectedAccountFlow.query(try flow.authURL(flavour: "instagram"), "state"))
        let reused = try flow.http.get("/api/sns/instagram/callback?code=\(code)&state=\(fresh)&format=json", key: nil)
        reused.expectEnvelope(status: 400, code: "OAUTH_REJECTED")
        let forged = try flow.http.get("/api/sns/instagram/callback?code=x&state=\(fresh.dropLast(4))AAAA", key: nil)
        #expect(forged.status == 400 && forged.text.contains("INVALID_STATE"))
        try flow.http.get("/api/sns/instagram/callback?code=x&format=json", key: nil).expectEnvelope(status: 400, code: "INVALID_STATE")
        #expect(!reused.text.contains("IGAA") && !forged.text.contains(code))
    }

    @Test func anotherUsersAccountIsNotFound() throws {
        let owner = try ConnectedAccountFlow()
        let id = try #require(try owner.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        let stranger = try ConnectedAccountFlow()
        try stranger.get("/api/sns/instagram/account/info?account_id=\(id)").expectEnvelope(status: 404, code: "NOT_FOUND")
        try stranger.get("/api/sns/instagram/media?account_id=\(id)").expectEnvelope(status: 404, code: "NOT_FOUND")
        try stranger.http.send("DELETE", "/api/sns/instagram/accounts/\(id)", key: stranger.key).expectEnvelope(status: 404, code: "NOT_FOUND")
        let bad = try stranger.get("/api/sns/instagram/media?account_id=abc&limit=500&cursor=%20")
        try bad.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(Set((bad.json["errors"] as? [String: Any] ?? [:]).keys) == ["account_id", "limit", "cursor"], "every bad field named: \(bad.text)")
        #expect(try owner.get("/api/sns/instagram/account/info?account_id=\(id)").status == 200)
    }

    @Test func revokedTokenBecomesReconnectRequired() throws {
        let flow = try ConnectedAccountFlow()
        let id = try #require(try flow.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/revoke", #"{"username":"bigstar","app_id":"990011223344556"}"#)
        try flow.get("/api/sns/instagram/account/info?account_id=\(id)&refresh=true").expectEnvelope(status: 409, code: "RECONNECT_REQUIRED")
        let account = try #require((try flow.get("/api/sns/instagram/accounts").json["accounts"] as? [[String: Any]])?.first)
        #expect(account["status"] as? String == "reconnect_required" && account["status_reason"] as? String == "graph code 190/458")
        try flow.get("/api/sns/instagram/media?account_id=\(id)").expectEnvelope(status: 409, code: "RECONNECT_REQUIRED")
        let again = try flow.connect(flavour: "instagram", account: "bigstar")
        #expect(again.first?["account_id"] as? Int == id && again.first?["status"] as? String == "connected")
    }

    @Test func tokenRefreshCarriesAcross59SandboxDaysAndExpiryNeedsReconnect() throws {
        let flow = try ConnectedAccountFlow()
        defer { try? flow.resetGraphClock() }
        let id = try #require(try flow.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        // Meta refreshes an Instagram-Login token only once it is 24 hours old: refused, and the account stays as it was.
        let early = try flow.http.send("POST", "/api/sns/instagram/accounts/\(id)/refresh", key: flow.key)
        try early.expectEnvelope(status: 409, code: "TOKEN_NOT_REFRESHABLE")
        #expect((early.json["message"] as? String ?? "").contains("24 hours"), "\(early.text)")
        #expect(try flow.get("/api/sns/instagram/media?account_id=\(id)&limit=2").status == 200, "the token is kept")
        try flow.advanceGraphClock(days: 59)
        #expect(try flow.get("/api/sns/instagram/media?account_id=\(id)&limit=2").status == 200)
        let refreshed = try flow.http.send("POST", "/api/sns/instagram/accounts/\(id)/refresh", key: flow.key)
        #expect(refreshed.status == 200, "\(refreshed.text)")
        #expect(!refreshed.text.contains("IGAA"))
        try flow.advanceGraphClock(days: 59)
        #expect(try flow.get("/api/sns/instagram/account/info?account_id=\(id)&refresh=true").status == 200)
        try flow.advanceGraphClock(days: 2)
        try flow.get("/api/sns/instagram/media?account_id=\(id)").expectEnvelope(status: 409, code: "RECONNECT_REQUIRED")
        let account = try #require((try flow.get("/api/sns/instagram/accounts").json["accounts"] as? [[String: Any]])?.first)
        #expect(account["status"] as? String == "reconnect_required" && account["status_reason"] as? String == "graph code 190/463")
    }

    @Test func noTokenInAnyLog() throws {
        let flow = try ConnectedAccountFlow()
        _ = try flow.connect(flavour: "instagram", account: "bigstar")
        let directory = TestStack.home + "/log"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".log") }
        #expect(!files.isEmpty)
        let token = try NSRegularExpression(pattern: "(IGAA|EAA)[A-Za-z0-9]{40}")
        for file in files {
            let text = (try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)) ?? ""
            #expect(token.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil, "a token in \(file)")
        }
    }
}
