import Foundation
import HTTPClient
import Postgres
import Testing

/// Bulk actions as worker jobs through the real stack (nginx → responder → PostgreSQL → worker → sandbox), issue 15.
/// Each test acts for its own new sandbox account, so limits, blocks and pacing never meet.
@Suite("Bulk actions", .threaded, .serialized, .needsStackAndSandbox)
struct BulkActionTests {
    let kit = BulkActionTestKit()

    @Test("300 likes are paced, paused half-way (nothing starts after the pause), resumed, and each post is liked exactly once")
    func threeHundredLikesPausedAndResumed() throws {
        let (name, key, _) = try kit.account("bulk.likes")
        let posts = try kit.posts(300)
        let since = try kit.actions.lastRequestSequence()
        let targets = posts.map { "\"\($0)\"" }.joined(separator: ",")
        let id = try kit.started(#"{"username":"\#(name)","action":"like","targets":[\#(targets)],"interval_seconds":0.1}"#, key: key)

        let running = try kit.wait(id, key: key) { kit.count($0, "done") >= 100 }
        #expect(kit.count(running, "done") < 300, "the run was not paced: \(running)")
        let paused = try kit.control(id, "pause", key: key)
        #expect(paused.status == 200, "\(paused.text.prefix(300))")
        let atPause = kit.count(paused.json["data"] as? [String: Any] ?? [:], "done")
        Thread.sleep(forTimeInterval: 2)
        let still = try kit.status(id, key: key)
        #expect(still["status"] as? String == "paused")
        #expect(kit.count(still, "done") <= atPause + 1, "at most the action in flight finishes after the pause: \(atPause) → \(still)")
        #expect(try kit.liked(by: name).count == kit.count(still, "done"), "the world has as many likes as the run says it did")
        try kit.control(id, "pause", key: key).expectEnvelope(status: 409, code: "INVALID_STATE")

        #expect(try kit.control(id, "resume", key: key).status == 200)
        let end = try kit.waitToEnd(id, key: key, seconds: 180)
        #expect(end["status"] as? String == "completed" && kit.count(end, "done") == 300, "\(end["status"] ?? "") \(kit.count(end, "done"))")
        #expect(try kit.liked(by: name) == Set(posts), "the world shows the account liking every post")
        let sent = try kit.likePosts(after: since, to: posts)
        #expect(sent.count == 300 && sent.values.allSatisfy { $0 == [200] }, "one like POST per post: \(sent.filter { $0.value != [200] })")
        #expect(try kit.actions.used(name, "like", key: key) == 300)
        // Paced: the account's slots are 0.1 s apart (arrivals vary by the few ms each call takes on its way).
        let times = try kit.actions.requests(after: since, path: "/api/v1/web/likes/")
            .filter { $0["viewer"] as? String == name && $0["method"] as? String == "POST" }
            .compactMap { ($0["time"] as? NSNumber)?.doubleValue }.sorted()
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }.sorted()
        #expect(times.count == 300 && gaps[gaps.count / 2] >= 0.095, "median gap \(gaps.isEmpty ? 0 : gaps[gaps.count / 2]) s")
        #expect((times.last ?? 0) - (times.first ?? 0) >= 299 * 0.1 - 0.5, "300 likes in \((times.last ?? 0) - (times.first ?? 0)) s")
        let log = try kit.http.get("/api/instagram/actions?username=\(name)&limit=1000", key: key)
        let rows = (log.json["data"] as? [String: Any])?["actions"] as? [[String: Any]] ?? []
        #expect(rows.filter { $0["outcome"] as? String == "accepted" && $0["action"] as? String == "like" }.count == 300)
    }

    @Test("a cancelled bulk follow stops: nothing is followed after the answer, and it cannot be resumed or cancelled again")
    func cancelStops() throws {
        let (name, key, _) = try kit.account("bulk.cancel")
        let base = try kit.actions.generatedBase() + 80_000
        let targets = (0..<60).map { "\"\(base + UInt64($0))\"" }.joined(separator: ",")
        let id = try kit.started(#"{"username":"\#(name)","action":"follow","targets":[\#(targets)],"interval_seconds":0.2}"#, key: key)
        _ = try kit.wait(id, key: key) { kit.count($0, "done") >= 5 }
        let cancelled = try kit.control(id, "cancel", key: key)
        #expect(cancelled.status == 200 && (cancelled.json["data"] as? [String: Any])?["status"] as? String == "cancelled")
        let atCancel = kit.count(cancelled.json["data"] as? [String: Any] ?? [:], "done")
        Thread.sleep(forTimeInterval: 2)
        let after = try kit.status(id, key: key)
        #expect(kit.count(after, "done") <= atCancel + 1 && kit.count(after, "done") < 60, "\(atCancel) → \(after)")
        #expect(try kit.actions.follows(by: name).count == kit.count(after, "done"))
        try kit.control(id, "resume", key: key).expectEnvelope(status: 409, code: "INVALID_STATE")
        try kit.control(id, "cancel", key: key).expectEnvelope(status: 409, code: "INVALID_STATE")
        let other = try TestStack.newKey()
        try kit.http.get("/api/instagram/bulk/\(id)", key: other).expectEnvelope(status: 404, code: "NOT_FOUND")
    }

    @Test("an action block stops the whole run at the first refusal: nothing more is sent, the account is paused, the log says why")
    func blockStopsTheRun() throws {
        let (name, key, _) = try kit.account("bulk.block")
        let posts = try kit.posts(12)
        let since = try kit.actions.lastRequestSequence()
        _ = try kit.sandbox.admin("POST", "/__sandbox/faults",
                                  #"{"kind":"refusal","path":"/api/v1/web/likes/\#(posts[4])/","method":"POST","count":1}"#)
        let targets = posts.map { "\"\($0)\"" }.joined(separator: ",")
        let id = try kit.started(#"{"username":"\#(name)","action":"like","targets":[\#(targets)]}"#, key: key)
        let end = try kit.waitToEnd(id, key: key)
        #expect(end["status"] as? String == "stopped", "\(end)")
        #expect((end["stop"] as? [String: Any])?["error_code"] as? String == "ACTION_BLOCKED")
        #expect(kit.count(end, "done") == 4 && kit.count(end, "failed") == 1 && kit.count(end, "pending") == 7, "\(end)")
        let sent = try kit.likePosts(after: since, to: posts)
        #expect(Set(sent.keys) == Set(posts.prefix(5)), "nothing sent after the block: \(sent.keys.sorted())")
        #expect(try kit.liked(by: name) == Set(posts.prefix(4)))
        let limits = try kit.actions.limits(name, key: key)
        #expect(limits["like"]?["blocked_until"] is String, "\(limits)")
        let log = try kit.http.get("/api/instagram/actions?username=\(name)", key: key)
        let rows = (log.json["data"] as? [String: Any])?["actions"] as? [[String: Any]] ?? []
        #expect(rows.contains { $0["outcome"] as? String == "refused" && $0["instagram_code"] as? String == "feedback_required"
                                && $0["target"] as? String == posts[4] }, "\(rows.prefix(3))")
        // Resumed while the block holds, it stops again at once without sending anything.
        let again = try kit.actions.lastRequestSequence()
        #expect(try kit.control(id, "resume", key: key).status == 200)
        let second = try kit.waitToEnd(id, key: key)
        #expect((second["stop"] as? [String: Any])?["error_code"] as? String == "ACTION_BLOCKED" && second["status"] as? String == "stopped")
        #expect(try kit.likePosts(after: again, to: posts).isEmpty)
    }

    @Test("a worker killed with -9 while a like is in flight: the resumed job asks Instagram and never sends that like again")
    func killedWorkerNeverRepeatsAnAction() throws {
        let (name, key, _) = try kit.account("bulk.kill")
        let posts = try kit.posts(10)
        let since = try kit.actions.lastRequestSequence()
        // The 6th like waits 4 s in the sandbox before it is done: the kill lands while it is in flight.
        let fault = try kit.sandbox.admin("POST", "/__sandbox/faults",
                                          #"{"kind":"latency","latency_ms":4000,"path":"/api/v1/web/likes/\#(posts[5])/","method":"POST","count":1}"#)
        defer { _ = try? kit.sandbox.send("DELETE", "/__sandbox/faults/\((((fault["faults"] as? [[String: Any]])?.first?["id"]) as? NSNumber)?.intValue ?? 0)") }
        let targets = posts.map { "\"\($0)\"" }.joined(separator: ",")
        let id = try kit.started(#"{"username":"\#(name)","action":"like","targets":[\#(targets)]}"#, key: key)
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        var killed = false
        let deadline = Date().addingTimeInterval(60)
        while !killed, Date() < deadline {
            if try kit.itemState(id, position: 5, db: db) == "sending", let pid = try kit.workerPID(ofRun: id, db: db) {
                Thread.sleep(forTimeInterval: 0.5)
                killed = killWorkerProcess(pid)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        try #require(killed, "the 6th like was never in flight in a worker")
        let end = try kit.waitToEnd(id, key: key, seconds: 120)
        #expect(end["status"] as? String == "completed" && kit.count(end, "done") == 10, "\(end)")
        #expect(try kit.liked(by: name) == Set(posts))
        let sent = try kit.likePosts(after: since, to: posts)
        #expect(sent[posts[5]]?.filter { $0 == 200 }.count == 1, "the like in flight at the kill was done once: \(sent[posts[5]] ?? [])")
        #expect(sent.values.allSatisfy { $0.filter { $0 == 200 }.count == 1 }, "\(sent)")
        #expect(try kit.actions.used(name, "like", key: key) == 10)
    }

    @Test("the unfollowers of a follower analysis are unfollowed in one bulk job, except the whitelist")
    func analysisUnfollowersExceptTheWhitelist() throws {
        let (name, key, _) = try kit.account("bulk.unf")
        let base = try kit.actions.generatedBase() + 81_000
        let targets = (0..<5).map { "\"\(base + UInt64($0))\"" }.joined(separator: ",")
        let follow = try kit.started(#"{"username":"\#(name)","action":"follow","targets":[\#(targets)]}"#, key: key)
        #expect(try kit.waitToEnd(follow, key: key)["status"] as? String == "completed")
        let follows = try kit.actions.follows(by: name)
        let followed = follows.compactMap { $0["followee"] as? String }
        // A private account's follow is a request, not in the following list an analysis reads.
        let accepted = follows.filter { $0["pending"] as? Bool != true }.compactMap { $0["followee"] as? String }
        try #require(followed.count == 5 && accepted.count >= 3, "\(follows)")

        var analyses = AnalysisClient()
        analyses.key = key
        let started = try kit.http.postJSON("/api/analyze", #"{"session":"\#(name)"}"#, key: key)
        let analysis = try #require(started.json["job_id"] as? String, "\(started.text.prefix(300))")
        #expect(try analyses.waitForEnd(analysis)["status"] as? String == "completed")

        let keep = Array(accepted.sorted().prefix(2))
        let whitelist = keep.map { "\"@\($0.uppercased())\"" }.joined(separator: ",")
        let id = try kit.started(#"{"username":"\#(name)","action":"unfollow","from_analysis":"\#(analysis)","whitelist":[\#(whitelist)]}"#, key: key)
        let end = try kit.waitToEnd(id, key: key)
        let labels = Set((end["items"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String })
        #expect(end["status"] as? String == "completed" && end["source"] as? String == "analysis" && kit.count(end, "done") == labels.count, "\(end)")
        #expect(labels.isDisjoint(with: keep) && labels.isSubset(of: Set(followed)) && labels.isSuperset(of: Set(accepted).subtracting(keep)),
                "the unfollowers less the whitelist: \(labels)")
        let left = Set(try kit.actions.follows(by: name).compactMap { $0["followee"] as? String })
        #expect(left.isDisjoint(with: labels) && left.isSuperset(of: keep), "\(left)")
        // An analysis feeds only an unfollow.
        let other = try kit.start(#"{"username":"\#(name)","action":"follow","from_analysis":"\#(analysis)"}"#, key: key)
        other.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect((other.json["errors"] as? [String: Any])?["action"] != nil)
    }

    @Test("posts the account already likes on Instagram (not through instagate) are skipped as ALREADY_DONE: no unit, no POST")
    func alreadyLikedOnInstagramIsSkipped() throws {
        let (name, key, login) = try kit.account("bulk.done")
        let posts = try kit.posts(6)
        let direct = (cookie: "sessionid=\(login.cookie); csrftoken=\(login.csrf)", csrf: login.csrf)
        for pk in posts.prefix(2) {
            let liked = try kit.sandbox.send("POST", "/api/v1/web/likes/\(pk)/like/", headers: kit.sandbox.web(direct) +
                                             [("Content-Type", "application/x-www-form-urlencoded")], body: "")
            #expect(liked.status == 200, "a like straight at the sandbox: \(liked.status)")
        }
        let since = try kit.actions.lastRequestSequence()
        let targets = posts.map { "\"\($0)\"" }.joined(separator: ",")
        let id = try kit.started(#"{"username":"\#(name)","action":"like","targets":[\#(targets)]}"#, key: key)
        let end = try kit.waitToEnd(id, key: key)
        #expect(end["status"] as? String == "completed" && kit.count(end, "done") == 4 && kit.count(end, "skipped") == 2, "\(end)")
        let skipped = (end["items"] as? [[String: Any]] ?? []).filter { $0["state"] as? String == "skipped" }
        #expect(Set(skipped.compactMap { $0["target"] as? String }) == Set(posts.prefix(2)))
        #expect(skipped.allSatisfy { $0["error_code"] as? String == "ALREADY_DONE" })
        #expect(Set(try kit.likePosts(after: since, to: posts).keys) == Set(posts.suffix(4)), "no like POST for a post already liked")
        #expect(try kit.actions.used(name, "like", key: key) == 4)
        #expect(try kit.liked(by: name) == Set(posts))
    }

    @Test("bad bulk input: every field named, unknown or another user's session is 404, and nothing is queued")
    func badInput() throws {
        let (name, key, _) = try kit.account("bulk.bad")
        let bad = try kit.start(#"{"username":"\#(name)","action":"comment","targets":["ok"]}"#, key: key)
        bad.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        let targets = try kit.start(#"{"username":"\#(name)","action":"follow","targets":["1","bad name","\#(name)"]}"#, key: key)
        targets.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(Set((targets.json["errors"] as? [String: Any] ?? [:]).keys) == ["targets[1]", "targets[2]"])
        let other = try TestStack.newKey()
        try kit.start(#"{"username":"\#(name)","action":"follow","targets":["1"]}"#, key: other).expectEnvelope(status: 404, code: "INVALID_SESSION")
        try kit.start(#"{"username":"\#(name)","action":"unfollow","from_analysis":"0123456789abcdef"}"#, key: key)
            .expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        let runs: Int = try db.query("SELECT count(*)::int AS n FROM instagram_bulk_runs WHERE username = \(name)").exactlyOne().decode("n")
        #expect(runs == 0)
    }
}
