import Foundation
import HTTPClient
import Testing

/// `ALREADY_DONE` from Instagram's own state, not instagate's log (issue 15): a like is checked against the post's
/// `has_liked` and a follow against the friendship (`following`, `outgoing_request`) before anything is posted;
/// neither uses a unit.
extension ActionTests {
    @Test("a like or a follow already in place on Instagram (done outside instagate) is ALREADY_DONE: no unit, no second change sent")
    func alreadyInPlaceOnInstagram() throws {
        let agent = "ActionTests-already-done/1"
        let (name, key, login, target) = try freshAccountAndTarget(agent: agent)
        let posts = try BulkActionTestKit().posts(2)
        try direct(login, "/api/v1/web/likes/\(posts[0])/like/")
        try direct(login, "/api/v1/web/friendships/\(target)/follow/")
        let likers = try likers(of: posts[0])
        let follows = try kit.follows(by: name).count
        let before = try kit.lastRequestSequence()

        let like = try kit.act("like", #"{"username":"\#(name)","media_id":"\#(posts[0])"}"#, key: key)
        like.expectEnvelope(status: 409, code: "ALREADY_DONE")
        #expect(like.header("RateLimit-Remaining") == "1000", "\(like.headers)")
        let follow = try kit.act("follow", #"{"username":"\#(name)","target_user_id":"\#(target)"}"#, key: key)
        follow.expectEnvelope(status: 409, code: "ALREADY_DONE")
        #expect(follow.header("RateLimit-Remaining") == "200", "\(follow.headers)")
        #expect(try kit.used(name, "like", key: key) == 0 && kit.used(name, "follow", key: key) == 0, "an action already done used a unit")

        let sent = try kit.requests(after: before).filter { $0["user_agent"] as? String == agent }
        let summary = sent.map { "\($0["method"] as? String ?? "") \($0["path"] as? String ?? "")" }
        #expect(!summary.contains { $0.hasPrefix("POST") && $0.contains("/web/likes/") }, "a like already in place was posted: \(summary)")
        #expect(summary.filter { $0.hasPrefix("GET") && $0.contains("/media/\(posts[0])/info") }.count == 1, "\(summary)")
        #expect(summary.filter { $0.hasPrefix("GET") && $0.contains("/friendships/show/\(target)") }.count == 1, "\(summary)")
        #expect(!summary.contains { $0.hasPrefix("POST") }, "an action already in place was posted: \(summary)")
        #expect(try self.likers(of: posts[0]) == likers && kit.follows(by: name).count == follows, "the world changed")
        let log = try kit.http.get("/api/instagram/actions?username=\(name)", key: key).json["data"] as? [String: Any]
        let rows = (log?["actions"] as? [[String: Any]] ?? []).map { "\($0["action"] as? String ?? "") \($0["error_code"] as? String ?? "")" }
        #expect(rows.sorted() == ["follow ALREADY_DONE", "like ALREADY_DONE"], "\(rows)")
    }

    @Test("a follow request to a private account still awaiting approval is ALREADY_DONE the second time: no unit, no request sent")
    func pendingFollowRequestIsNotSentAgain() throws {
        let agent = "ActionTests-pending/1"
        let (name, key, _, _) = try freshAccountAndTarget(agent: agent)
        let made = try kit.sandbox.admin("POST", "/__sandbox/users", #"{"username":"\#(ProfileTestKit.uniqueName("done.private"))","private":true}"#)
        let target = try #require(made["pk"] as? String)
        let body = #"{"username":"\#(name)","target_user_id":"\#(target)"}"#
        let first = try kit.act("follow", body, key: key)
        #expect(first.status == 200 && (first.json["data"] as? [String: Any])?["result"] as? String == "requested", "\(first.text.prefix(300))")
        let before = try kit.lastRequestSequence()

        let again = try kit.act("follow", body, key: key)
        again.expectEnvelope(status: 409, code: "ALREADY_DONE")
        #expect((again.json["errors"] as? [String: Any])?["friendship"] as? String == "requested", "\(again.text.prefix(300))")
        #expect((again.json["message"] as? String ?? "").contains("waiting for its approval"), "\(again.text.prefix(300))")
        #expect(again.header("RateLimit-Remaining") == "199", "\(again.headers)")
        #expect(try kit.used(name, "follow", key: key) == 1, "the pending request's second follow used a unit")
        let sent = try kit.requests(after: before).filter { $0["user_agent"] as? String == agent }.map { "\($0["method"] as? String ?? "") \($0["path"] as? String ?? "")" }
        #expect(!sent.contains { $0.hasPrefix("POST") }, "a second request was sent: \(sent)")
        let edges = try kit.follows(by: name).filter { $0["followee_pk"] as? String == target }
        #expect(edges.count == 1 && edges.first?["pending"] as? Bool == true, "\(edges)")
        let log = try kit.http.get("/api/instagram/actions?username=\(name)", key: key).json["data"] as? [String: Any]
        let rows = (log?["actions"] as? [[String: Any]] ?? []).map { "\($0["outcome"] as? String ?? "") \($0["instagram_code"] as? String ?? "-")" }
        #expect(rows.sorted() == ["accepted ok", "rejected outgoing_request"], "\(rows)")
    }

    @Test("a like instagate's log knows but Instagram no longer has (unliked outside instagate) is sent again and counted")
    func instagramDecidesNotTheLog() throws {
        let (name, key, login, _) = try freshAccountAndTarget(agent: "ActionTests-log-stale/1")
        let post = try #require(try BulkActionTestKit().posts(1).first)
        let body = #"{"username":"\#(name)","media_id":"\#(post)"}"#
        #expect(try kit.act("like", body, key: key).status == 200)
        try kit.act("like", body, key: key).expectEnvelope(status: 409, code: "ALREADY_DONE")
        try direct(login, "/api/v1/web/likes/\(post)/unlike/")
        let again = try kit.act("like", body, key: key)
        #expect(again.status == 200, "\(again.text.prefix(300))")
        #expect(try likers(of: post).contains(name))
        #expect(try kit.used(name, "like", key: key) == 2)
    }

    /// A new sandbox account saved for a new key with `agent`, and a new public account it may follow (its pk).
    func freshAccountAndTarget(agent: String) throws -> (String, String, ActionTestKit.SandboxLogin, String) {
        let name = ProfileTestKit.uniqueName("done")
        let target = ProfileTestKit.uniqueName("done.target")
        _ = try kit.sandbox.admin("POST", "/__sandbox/users", #"{"username":"\#(name)"}"#)
        let made = try kit.sandbox.admin("POST", "/__sandbox/users", #"{"username":"\#(target)"}"#)
        let (key, login) = try kit.saved(name, userAgent: agent)
        return (name, key, login, try #require(made["pk"] as? String))
    }

    /// A POST straight at the sandbox with the login (as the account's phone would do it): outside instagate.
    func direct(_ login: ActionTestKit.SandboxLogin, _ path: String) throws {
        let session = (cookie: "sessionid=\(login.cookie); csrftoken=\(login.csrf)", csrf: login.csrf)
        let answer = try kit.sandbox.send("POST", path, headers: kit.sandbox.web(session) + [("Content-Type", "application/x-www-form-urlencoded")],
                                          body: "")
        #expect(answer.status == 200, "POST \(path) straight at the sandbox: \(answer.status) \(answer.text.prefix(200))")
    }

    /// The usernames that like a post in the sandbox's world.
    func likers(of post: String) throws -> Set<String> {
        Set((try kit.world()["likes"] as? [[String: Any]] ?? []).filter { $0["media_pk"] as? String == post }.compactMap { $0["user"] as? String })
    }
}
