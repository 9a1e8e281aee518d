import Foundation
import HTTPClient
import Testing

/// Saved sessions and account actions through the real stack (nginx → responder → PostgreSQL → sandbox), issue 15.
/// Each test uses its own API key and Instagram account, so the accounts' limits and blocks do not meet.
@Suite("Actions", .threaded, .serialized, .needsStackAndSandbox)
struct ActionTests {
    let kit = ActionTestKit()

    @Test("a session in the earlier service's shape is saved with a 24 h expiry, and its user agent goes with every call")
    func documentShapeSessionCarriesItsUserAgent() throws {
        let agent = "Mozilla/5.0 (X11; Linux x86_64; ActionTests) Firefox/140.0"
        let key = try TestStack.newKey()
        let login = try kit.login("bench.cinema")
        let before = try kit.lastRequestSequence()
        let answer = try kit.save("bench.cinema", login, key: key, userAgent: agent)
        #expect(answer.status == 201, "\(answer.text.prefix(300))")
        let session = try #require((answer.json["data"] as? [String: Any])?["session"] as? [String: Any])
        #expect(session["user_agent"] as? String == agent)
        let expires = try #require((session["expires_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
        #expect(abs(expires.timeIntervalSinceNow - 86_400) < 600, "expires_at \(expires)")
        #expect(!answer.text.contains(login.csrf) && !answer.text.contains(login.cookie), "no secret in the answer")
        let post = try kit.post("photo-sea")
        let like = try kit.act("like", #"{"username":"bench.cinema","media_id":"\#(post["pk"] as? String ?? "")"}"#, key: key)
        #expect(like.status == 200, "\(like.text.prefix(300))")
        // Other suites call with the fixture session of bench.cinema too: this test's calls are the ones with its agent.
        let calls = try kit.requests(after: before).filter { $0["viewer"] as? String == "bench.cinema" }
        let paths = calls.filter { $0["user_agent"] as? String == agent }.compactMap { $0["path"] as? String }
        for expected in ["/accounts/current_user", "/friendships/show_many", "/web/likes/\(post["pk"] as? String ?? "")/like"] {
            #expect(paths.contains { $0.contains(expected) }, "no call to \(expected) with the session's agent: \(paths)")
        }
        #expect(calls.filter { ($0["path"] as? String ?? "").contains("/web/likes/") }.allSatisfy { $0["user_agent"] as? String == agent })
    }

    @Test("a csrf_token from another login is INVALID_SESSION naming csrf_token, and nothing is saved")
    func foreignCSRFTokenIsRefused() throws {
        let key = try TestStack.newKey()
        let mine = try kit.login("sandbox.user"), other = try kit.login("sandbox.user")
        let answer = try kit.http.postJSON("/api/instagram/session",
                                           #"{"username":"sandbox.user","session_id":"\#(mine.cookie)","csrf_token":"\#(other.csrf)"}"#, key: key)
        answer.expectEnvelope(status: 403, code: "INVALID_SESSION")
        #expect((answer.json["errors"] as? [String: Any])?["csrf_token"] != nil)
        #expect(answer.text.contains("csrf_token"))
        let listed = try kit.http.get("/api/instagram/sessions", key: key).json["sessions"] as? [Any]
        #expect(listed?.isEmpty == true)
        let missing = try kit.http.postJSON("/api/instagram/session",
                                            #"{"username":"sandbox.user","session_id":"x","cookies":{"sessionid":"\#(mine.cookie)"},"user_agent":""}"#, key: key)
        missing.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        let fields = Set((missing.json["errors"] as? [String: Any] ?? [:]).keys)
        #expect(fields == ["csrf_token", "user_agent"], "\(fields)")
    }

    @Test("a follow changes the sandbox's world, uses one unit, carries RateLimit headers and is in the audit log")
    func followIsDoneCountedAndLogged() throws {
        let (key, _) = try kit.saved("sandbox.user")
        let target = try kit.generatedBase() + 70_001
        let answer = try kit.act("follow", #"{"username":"sandbox.user","target_user_id":"\#(target)"}"#, key: key)
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        let data = try #require(answer.json["data"] as? [String: Any])
        #expect(answer.json["success"] as? Bool == true)
        #expect(["following", "requested"].contains(data["result"] as? String ?? ""), "\(data)")
        #expect(answer.header("RateLimit-Limit") == "200" && answer.header("X-RateLimit-Limit") == "200")
        #expect(answer.header("RateLimit-Remaining") == answer.header("X-RateLimit-Remaining"))
        #expect(try kit.follows(by: "sandbox.user").contains { $0["followee_pk"] as? String == String(target) })
        let limits = try kit.limits("sandbox.user", key: key)
        #expect((limits["follow"]?["used"] as? NSNumber)?.intValue ?? 0 >= 1)
        #expect(limits["like"]?["limit"] as? Int == 1000 && limits["comment"]?["limit"] as? Int == 100)
        #expect(limits["follow"]?["reset_at"] is String)
        let log = try kit.http.get("/api/instagram/actions?username=sandbox.user", key: key)
        let rows = (log.json["data"] as? [String: Any])?["actions"] as? [[String: Any]] ?? []
        #expect(rows.first?["action"] as? String == "follow" && rows.first?["outcome"] as? String == "accepted"
                && rows.first?["target"] as? String == String(target), "\(rows)")
        let csv = try kit.http.get("/api/instagram/actions?format=csv", key: key)
        #expect(csv.header("Content-Type")?.hasPrefix("text/csv") == true)
        #expect(csv.text.contains(",follow,\(target),accepted,"), "\(csv.text.prefix(400))")
        let unfollow = try kit.act("follow", #"{"username":"sandbox.user","target_user_id":\#(target),"action_type":"unfollow"}"#, key: key)
        #expect(unfollow.status == 200 && (unfollow.json["data"] as? [String: Any])?["result"] as? String == "unfollowed")
        #expect(try !kit.follows(by: "sandbox.user").contains { $0["followee_pk"] as? String == String(target) })
    }

    @Test("a comment in Korean with emoji arrives byte-identical in the sandbox's world")
    func koreanEmojiCommentArrivesIntact() throws {
        let (key, _) = try kit.saved("bench.cinema")
        let text = "서울의 밤 🌃✨ 정말 멋져요! 👍🏽 #여행 — \"quotes\" & ampersand + plus"
        let shortcode = try #require(try kit.post("photo-night")["shortcode"] as? String)
        let body = try JSONSerialization.data(withJSONObject: ["username": "bench.cinema", "shortcode": shortcode, "text": text])
        let answer = try kit.act("comment", String(decoding: body, as: UTF8.self), key: key)
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        let id = (answer.json["data"] as? [String: Any])?["comment_id"] as? String
        let comments = (try kit.world()["comments"] as? [[String: Any]] ?? []).filter { $0["user"] as? String == "bench.cinema" }
        let stored = try #require(comments.first { $0["pk"] as? String == id }?["text"] as? String, "\(comments)")
        #expect(Array(stored.utf8) == Array(text.utf8))
    }
}
