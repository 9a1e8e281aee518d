import Foundation
import HTTPClient
import Testing

/// Instagram's refusals of an action, each classified, with its lasting effect, and no unit used (issue 15).
extension ActionTests {
    @Test("feedback_required is ACTION_BLOCKED until a time the answer gives; the next one is not sent")
    func feedbackRequiredPausesTheActionType() throws {
        let (key, login) = try kit.saved("jun.private")
        try kit.setState(login, "action_blocked")
        let target = try kit.generatedBase() + 71_001
        let before = try kit.lastRequestSequence()
        let first = try kit.act("follow", #"{"username":"jun.private","target_user_id":"\#(target)"}"#, key: key)
        first.expectEnvelope(status: 429, code: "ACTION_BLOCKED")
        let until = (first.json["errors"] as? [String: Any])?["blocked_until"] as? String
        let date = try #require(until.flatMap { ISO8601DateFormatter().date(from: $0) }, "\(first.text)")
        #expect(date.timeIntervalSinceNow > 3600)
        #expect(Int(first.header("Retry-After") ?? "") ?? 0 > 3600)
        let sent = { try kit.requests(after: before, path: "/api/v1/web/friendships/").filter { $0["viewer"] as? String == "jun.private" } }
        #expect(try sent().count == 1)
        let again = try kit.act("follow", #"{"username":"jun.private","target_user_id":"\#(target + 1)"}"#, key: key)
        again.expectEnvelope(status: 429, code: "ACTION_BLOCKED")
        #expect(try sent().count == 1, "the blocked follow was sent")
        let limits = try kit.limits("jun.private", key: key)
        #expect((limits["follow"]?["used"] as? NSNumber)?.intValue == 0, "a refused action uses no unit")
        #expect(limits["follow"]?["blocked_until"] is String && limits["like"]?["blocked_until"] == nil)
        let log = try kit.http.get("/api/instagram/actions?username=jun.private", key: key).json["data"] as? [String: Any]
        let rows = log?["actions"] as? [[String: Any]] ?? []
        #expect(rows.map { $0["outcome"] as? String ?? "" } == ["rejected", "refused"], "\(rows)")
        #expect(rows.last?["instagram_code"] as? String == "feedback_required")
    }

    @Test("checkpoint_required is CHALLENGE_REQUIRED and marks the session, which is not sent again")
    func checkpointMarksTheSession() throws {
        let (key, login) = try kit.saved("hidden.garden")
        try kit.setState(login, "checkpoint")
        let pk = try #require(try kit.post("photo-first")["pk"] as? String)
        let before = try kit.lastRequestSequence()
        let first = try kit.act("like", #"{"username":"hidden.garden","media_id":"\#(pk)"}"#, key: key)
        first.expectEnvelope(status: 403, code: "CHALLENGE_REQUIRED")
        let sessions = try kit.http.get("/api/instagram/sessions", key: key).json["sessions"] as? [[String: Any]] ?? []
        #expect(sessions.first?["state"] as? String == "challenge")
        let again = try kit.act("like", #"{"username":"hidden.garden","media_id":"\#(pk)"}"#, key: key)
        again.expectEnvelope(status: 403, code: "CHALLENGE_REQUIRED")
        let reached = try kit.requests(after: before).filter {
            let path = $0["path"] as? String ?? ""
            return path.contains("/web/likes/\(pk)/") || path.contains("/media/\(pk)/info")
        }
        #expect(reached.count == 1, "only the first like reached Instagram (its has_liked check): \(reached)")
        #expect(try kit.used("hidden.garden", "like", key: key) == 0)
    }

    @Test("a redirect to the login page is INVALID_SESSION at the first hop, never followed, and marks the session")
    func loginRedirectIsInvalidSession() throws {
        let agent = "ActionTests-login-wall/1"
        let (key, login) = try kit.saved("seoul.traveler", userAgent: agent)
        try kit.setState(login, "expired")
        let target = try kit.generatedBase() + 72_001
        let before = try kit.lastRequestSequence()
        // An unfollow: its POST is the first call (a follow asks for the friendship first, a GET).
        let answer = try kit.act("unfollow", #"{"username":"seoul.traveler","target_user_id":"\#(target)"}"#, key: key)
        answer.expectEnvelope(status: 403, code: "INVALID_SESSION")
        let calls = try kit.requests(after: before).filter { $0["user_agent"] as? String == agent }
        #expect(calls.count == 1 && calls.first?["status"] as? Int == 302 && calls.first?["method"] as? String == "POST",
                "one POST answered 302, nothing followed: \(calls)")
        let sessions = try kit.http.get("/api/instagram/sessions", key: key).json["sessions"] as? [[String: Any]] ?? []
        #expect(sessions.first?["state"] as? String == "invalid")
        #expect(try kit.used("seoul.traveler", "follow", key: key) == 0)
    }

    @Test("Instagram's 429 is RATE_LIMIT_EXCEEDED with Retry-After; an unknown post is REQUEST_FAILED; neither uses a unit")
    func throttleAndFailureAreClassified() throws {
        let (key, _) = try kit.saved("oldschool.tv")
        let pk = try #require(try kit.post("photo-slide-one")["pk"] as? String)
        _ = try kit.sandbox.admin("POST", "/__sandbox/faults", #"{"kind":"status","status":429,"path":"/api/v1/web/likes/\#(pk)","method":"POST","count":1}"#)
        let throttled = try kit.act("like", #"{"username":"oldschool.tv","media_id":"\#(pk)"}"#, key: key)
        throttled.expectEnvelope(status: 429, code: "RATE_LIMIT_EXCEEDED")
        #expect(Int(throttled.header("Retry-After") ?? "") ?? 0 > 0)
        #expect(throttled.header("RateLimit-Remaining") == "1000")
        let unknown = try kit.act("like", #"{"username":"oldschool.tv","media_id":"1234567890123"}"#, key: key)
        unknown.expectEnvelope(status: 404, code: "REQUEST_FAILED")
        #expect(try kit.used("oldschool.tv", "like", key: key) == 0)
        let retried = try kit.act("like", #"{"username":"oldschool.tv","media_id":"\#(pk)"}"#, key: key)
        #expect(retried.status == 200 && retried.header("RateLimit-Remaining") == "999", "\(retried.text.prefix(300))")
    }

    @Test("bad input sends nothing to Instagram and uses no unit")
    func badInputSendsNothing() throws {
        let agent = "ActionTests-bad-input/1"
        let (key, _) = try kit.saved("sandbox.user", userAgent: agent)
        let otherKey = try TestStack.newKey()
        let pk = try #require(try kit.post("photo-hangang")["pk"] as? String)
        let liked = try kit.act("like", #"{"username":"sandbox.user","media_id":"\#(pk)"}"#, key: key)
        #expect(liked.status == 200, "\(liked.text.prefix(300))")
        let usedBefore = try kit.used("sandbox.user", "like", key: key)
        let followsBefore = try kit.used("sandbox.user", "follow", key: key)
        let before = try kit.lastRequestSequence()
        let long = String(repeating: "가", count: 2201)
        let cases: [(String, String, String?, Int, String, Set<String>)] = [
            ("like", #"{"username":"never.saved","media_id":"\#(pk)"}"#, nil, 404, "INVALID_SESSION", []),
            ("like", #"{"username":"sandbox.user","media_id":"\#(pk)"}"#, otherKey, 404, "INVALID_SESSION", []),
            ("comment", #"{"username":"sandbox.user","media_id":"\#(pk)","text":"   "}"#, nil, 422, "VALIDATION_ERROR", ["text"]),
            ("comment", #"{"username":"sandbox.user","media_id":"\#(pk)","text":"\#(long)"}"#, nil, 422, "VALIDATION_ERROR", ["text"]),
            ("comment", #"{"username":"sandbox.user","media_id":"\#(pk)"}"#, nil, 422, "VALIDATION_ERROR", ["text"]),
            ("follow", #"{"target_user_id":"abc"}"#, nil, 422, "VALIDATION_ERROR", ["username", "target_user_id"]),
            ("like", #"{"username":"sandbox.user","media_id":"x_y"}"#, nil, 422, "VALIDATION_ERROR", ["media_id"]),
            ("like", #"{"username":"sandbox.user","shortcode":"!!"}"#, nil, 422, "VALIDATION_ERROR", ["shortcode"]),
            ("like", #"{"username":"sandbox.user","url":"https://example.com/p/x"}"#, nil, 422, "VALIDATION_ERROR", ["url"]),
            ("like", #"{"username":"sandbox.user","media_id":"\#(pk)","action_type":"follow"}"#, nil, 422, "VALIDATION_ERROR", ["action_type"]),
            ("follow", #"{"username":"sandbox.user","target_username":"sandbox.user"}"#, nil, 422, "VALIDATION_ERROR", ["target_username"]),
            ("follow", #"{"username":"sandbox.user","target_user_id":"7419826350"}"#, nil, 422, "VALIDATION_ERROR", ["target_user_id"]),
            ("follow", #"{"username":"sandbox.user","target_user_id":"1","extra":true}"#, nil, 422, "VALIDATION_ERROR", ["extra"]),
            ("comment", #"{"username":"sandbox.user","media_id":true,"text":"   ","action_type":7,"extra":1}"#, nil, 422, "VALIDATION_ERROR",
             ["media_id", "text", "action_type", "extra"]),
        ]
        for (path, body, caller, status, code, fields) in cases {
            let answer = try kit.act(path, body, key: caller ?? key)
            answer.expectEnvelope(status: status, code: code)
            let named = Set((answer.json["errors"] as? [String: Any] ?? [:]).keys)
            #expect(fields.isSubset(of: named), "\(path) \(body.prefix(80)): errors \(named)")
        }
        let sent = try kit.requests(after: before).filter { $0["user_agent"] as? String == agent }
        #expect(sent.isEmpty, "bad input reached Instagram: \(sent)")
        #expect(try kit.used("sandbox.user", "like", key: key) == usedBefore)
        #expect(try kit.used("sandbox.user", "follow", key: key) == followsBefore)
        let foreign = try kit.http.get("/api/instagram/limits/sandbox.user", key: otherKey)
        foreign.expectEnvelope(status: 404, code: "INVALID_SESSION")
    }
}

extension ActionTests {
    @Test("Instagram's block of likes pauses this account's likes only: it still follows")
    func blockPausesOneActionTypeOnly() throws {
        let (key, _) = try kit.saved("expired.user")
        let pk = try #require(try kit.post("photo-busan-wide")["pk"] as? String)
        _ = try kit.sandbox.admin("POST", "/__sandbox/faults", #"{"kind":"refusal","path":"/api/v1/web/likes/\#(pk)/","method":"POST","count":1}"#)
        let like = try kit.act("like", #"{"username":"expired.user","shortcode":"\#(try #require(try kit.post("photo-busan-wide")["shortcode"] as? String))"}"#, key: key)
        like.expectEnvelope(status: 429, code: "ACTION_BLOCKED")
        let target = try kit.generatedBase() + 73_001
        let follow = try kit.act("follow", #"{"username":"expired.user","target_user_id":"\#(target)"}"#, key: key)
        #expect(follow.status == 200, "\(follow.text.prefix(300))")
        try kit.act("unlike", #"{"username":"expired.user","media_id":"\#(pk)"}"#, key: key).expectEnvelope(status: 429, code: "ACTION_BLOCKED")
        let limits = try kit.limits("expired.user", key: key)
        #expect(limits["like"]?["blocked_until"] is String && limits["follow"]?["blocked_until"] == nil)
    }
}

extension ActionTests {
    @Test("a post whose comments are off is REQUEST_FAILED with Instagram's reason; the account's comments are not paused")
    func commentsOffIsNotABlock() throws {
        let (key, _) = try kit.saved("jun.private")
        let off = try #require(try kit.post("photo-namsan-hidden-likes")["pk"] as? String)
        let other = try #require(try kit.post("photo-gyeongbokgung")["pk"] as? String)
        _ = try kit.sandbox.admin("POST", "/__sandbox/faults",
                                  #"{"kind":"refusal","message":"comments_disabled","path":"/api/v1/web/comments/\#(off)/","count":1}"#)
        let refused = try kit.act("comment", #"{"username":"jun.private","media_id":"\#(off)","text":"hello"}"#, key: key)
        refused.expectEnvelope(status: 502, code: "REQUEST_FAILED")
        #expect(refused.text.contains("comments are off"))
        let limits = try kit.limits("jun.private", key: key)
        #expect(limits["comment"]?["blocked_until"] == nil && (limits["comment"]?["used"] as? NSNumber)?.intValue == 0)
        let fine = try kit.act("comment", #"{"username":"jun.private","media_id":"\#(other)","text":"hello"}"#, key: key)
        #expect(fine.status == 200, "\(fine.text.prefix(300))")
    }
}

extension ActionTests {
    @Test("challenge_required (the mobile shape) is CHALLENGE_REQUIRED and marks the session; no unit used")
    func challengeRequiredMarksTheSession() throws {
        let (name, key, _, target) = try freshAccountAndTarget(agent: "ActionTests-challenge/1")
        _ = try kit.sandbox.admin("POST", "/__sandbox/faults",
                                  #"{"kind":"refusal","message":"challenge_required","path":"/api/v1/web/friendships/\#(target)/","count":1}"#)
        let answer = try kit.act("follow", #"{"username":"\#(name)","target_user_id":"\#(target)"}"#, key: key)
        answer.expectEnvelope(status: 403, code: "CHALLENGE_REQUIRED")
        let sessions = try kit.http.get("/api/instagram/sessions", key: key).json["sessions"] as? [[String: Any]] ?? []
        #expect(sessions.first?["state"] as? String == "challenge")
        #expect(try kit.used(name, "follow", key: key) == 0)
        let log = try kit.http.get("/api/instagram/actions?username=\(name)", key: key).json["data"] as? [String: Any]
        let rows = log?["actions"] as? [[String: Any]] ?? []
        #expect(rows.first?["outcome"] as? String == "refused" && rows.first?["instagram_code"] as? String == "challenge_required", "\(rows)")
    }
}
