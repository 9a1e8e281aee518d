import Foundation
import HTTPClient
import Postgres
import Testing

/// The job side of the follower analysis through the real stack: queue position and progress, result paging,
/// deleting a finished job, the sealed cookies removed when a job ends, `instagate analyze --detach --user`.
@Suite(.threaded, .needsStackAndSandbox)
struct AnalysisJobTests {
    /// A client for a new API user of its own (cleanups and caps of other tests do not reach it).
    func ownClient() throws -> (client: AnalysisClient, userID: Int) {
        var client = AnalysisClient()
        client.key = try TestStack.newKey()
        let me = try client.http.get("/api/me", key: client.key).json
        let id = try #require(((me["user"] as? [String: Any])?["id"] as? NSNumber)?.intValue)
        return (client, id)
    }

    func polled(_ what: String, seconds: Double = 60, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("\(what): not within \(seconds) s")
    }

    /// Makes analyses of `target` run for seconds: its follower-list pages answer late (a sandbox latency fault on a
    /// path no other test analyses). Returns the fault ids to remove.
    func slowDown(_ target: String, count: Int) throws -> [Int] {
        let users = try AnalysisClient().sandbox.admin("GET", "/__sandbox/world")["users"] as? [[String: Any]] ?? []
        let pk = try #require(users.first { $0["username"] as? String == target }?["pk"], "\(target) in the world")
        let kit = DownloadTestKit()
        return [try kit.fault(#"{"kind":"latency","latency_ms":6000,"count":\#(count),"path":"/api/v1/friendships/\#(pk)/"}"#)]
    }

    @Test func completedJobShowsItsProgressFigures() throws {
        let (client, _) = try ownClient()
        let answer = try client.analyze(try client.session("mina.kim"))
        #expect(answer.status == 202)
        if answer.json["status"] as? String == "queued" {
            #expect((answer.json["queue_position"] as? Int ?? 0) >= 1, "a queued job has its position: \(answer.text.prefix(300))")
        }
        #expect((answer.json["status_url"] as? String)?.hasPrefix("/api/status/") == true)
        let jobID = try #require(answer.json["job_id"] as? String)
        let end = try client.waitForEnd(jobID)
        try #require(end["status"] as? String == "completed", "\(end)")
        let progress = try #require(end["progress"] as? [String: Any], "\(end)")
        let counts = end.analysisCounts
        let total = (counts["followers"] ?? -1) + (counts["following"] ?? -1)
        #expect(progress["users_fetched"] as? Int == total, "\(progress)")
        #expect(progress["expected_total"] as? Int == total, "\(progress)")
        #expect((progress["percent"] as? NSNumber)?.doubleValue == 100, "\(progress)")
        #expect((progress["pages"] as? Int ?? 0) >= 2, "a page of followers and one of following at least: \(progress)")
        #expect((progress["message"] as? String)?.isEmpty == false, "\(progress)")
        #expect(end["queue_position"] == nil || end["queue_position"] is NSNull, "a finished job has no queue position")
    }

    @Test func aJobBeyondThePerUserCapWaitsWithItsQueuePosition() throws {
        let (client, _) = try ownClient()
        // Two slow analyses (bench.cinema's pages answer 6 s late) take the user's two slots
        // (INSTAGATE_ANALYSIS_PER_USER=2) ...
        let faults = try slowDown("bench.cinema", count: 4)
        defer { for id in faults { try? DownloadTestKit().removeFault(id) } }
        let running = try (0..<2).map { _ in try client.start("sandbox.user", target: "bench.cinema") }
        defer { for job in running { _ = try? client.http.send("DELETE", "/api/job/\(job)", key: client.key) } }
        try polled("both analyses running") {
            try running.allSatisfy { try client.status($0)["status"] as? String == "processing" }
        }
        // ... so a third one of the same user waits in the queue and says where.
        let third = try client.analyze(try client.session("mina.kim"))
        #expect(third.status == 202)
        let thirdID = try #require(third.json["job_id"] as? String)
        defer { _ = try? client.http.send("DELETE", "/api/job/\(thirdID)", key: client.key) }
        #expect(third.json["status"] as? String == "queued")
        #expect((third.json["queue_position"] as? Int ?? 0) >= 1, "\(third.text.prefix(300))")
        let waiting = try client.status(thirdID)
        #expect(waiting["status"] as? String == "queued", "\(waiting)")
        #expect((waiting["queue_position"] as? Int ?? 0) >= 1, "\(waiting)")
        let queue = try client.http.get("/api/queue", key: client.key).json
        #expect((queue["queued"] as? Int ?? 0) >= 1 && (queue["running"] as? Int ?? 0) >= 2, "\(queue)")
        // A running job mid-way shows its progress figures.
        let midway = try client.status(running[0])["progress"] as? [String: Any] ?? [:]
        #expect((midway["message"] as? String)?.isEmpty == false, "\(midway)")
        // Cancelling one frees a slot: the waiting job is claimed and completes.
        let cancelled = try client.http.send("DELETE", "/api/job/\(running[0])", key: client.key)
        #expect([200, 202].contains(cancelled.status))
        #expect(try client.waitForEnd(thirdID)["status"] as? String == "completed")
        #expect(try client.waitForEnd(running[0], seconds: 30)["state"] as? String == "cancelled")
    }

    @Test func resultsPageByCursorOverSeveralPages() throws {
        let (client, _) = try ownClient()
        let jobID = try client.start("mina.kim", target: "seoul.traveler")
        let end = try client.waitForEnd(jobID)
        try #require(end["status"] as? String == "completed", "\(end)")
        let count = try #require(end.analysisCounts["followers"])
        try #require(count >= 3, "seoul.traveler has several followers: \(count)")
        // One user per page: every follower once, in order, and the last page has no cursor.
        var names: [String] = []
        var cursor = ""
        var pages = 0
        repeat {
            let body = try client.status(jobID, query: "?list=followers&limit=1" + (cursor.isEmpty ? "" : "&cursor=\(cursor)"))
            let page = (body["results"] as? [String: Any])?["followers"] as? [String: Any] ?? [:]
            let users = (page["users"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }
            #expect(users.count == 1, "every page has a user: the last one has no next_cursor")
            #expect(page["count"] as? Int == count)
            names += users
            cursor = page["next_cursor"] as? String ?? ""
            pages += 1
        } while !cursor.isEmpty && pages <= count + 1
        #expect(names.count == count, "\(names)")
        #expect(Set(names).count == names.count, "no user twice: \(names)")
        #expect(names == (try client.allUsernames(jobID, list: "followers")), "the pages are the whole list, in its order")
        #expect(pages == count, "one page per follower, no empty last page: \(pages)")
        // A cursor the results never handed out is refused, naming the field.
        let made = try client.http.get("/api/status/\(jobID)?list=followers&cursor=zzz", key: client.key)
        made.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect((made.json["errors"] as? [String: String])?["cursor"] != nil)
    }

    @Test func deletingAFinishedJobRemovesIt() throws {
        let (client, _) = try ownClient()
        let jobID = try client.start("mina.kim")
        #expect(try client.waitForEnd(jobID)["status"] as? String == "completed")
        let deleted = try client.http.send("DELETE", "/api/job/\(jobID)", key: client.key)
        #expect(deleted.status == 200, "\(deleted.text.prefix(300))")
        #expect(deleted.json["deleted"] as? Bool == true)
        try client.http.get("/api/status/\(jobID)", key: client.key).expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        try client.http.send("DELETE", "/api/job/\(jobID)", key: client.key).expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        #expect(!(try client.http.get("/api/jobs", key: client.key).text.contains(jobID)))
    }

    @Test func theSealedCookiesAreDeletedWhenTheJobEnds() throws {
        let (client, userID) = try ownClient()
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        func secrets(_ jobID: String) throws -> Int64 {
            try db.query("""
                SELECT count(*) AS n FROM analysis_secrets s JOIN jobs j ON j.id = s.job_id
                WHERE j.public_id = \(jobID) AND j.owner_id = \(Int64(userID))
                """).first?.decode("n", as: Int64.self) ?? -1
        }
        // Completed, failed and cancelled: none keeps its cookies.
        let completed = try client.start("mina.kim")
        let failed = try client.analyze(try client.session("sandbox.user", state: "expired")).json["job_id"] as? String ?? ""
        let session = try client.session("sandbox.user")
        let faults = try slowDown("blocked.user", count: 2)
        defer { for id in faults { try? DownloadTestKit().removeFault(id) } }
        let long = try client.analyze(session, username: "blocked.user").json["job_id"] as? String ?? ""
        try polled("the long analysis is running with its sealed cookies") {
            try client.status(long)["state"] as? String == "running"
        }
        #expect(try secrets(long) == 1, "a running job has its sealed cookies")
        let sealed = try db.query("""
            SELECT encode(s.sealed, 'escape') AS text FROM analysis_secrets s JOIN jobs j ON j.id = s.job_id WHERE j.public_id = \(long)
            """).first?.decode("text", as: String.self) ?? ""
        #expect(!sealed.contains(session.sessionID) && !sealed.contains(session.csrf), "sealed, not plain")
        _ = try client.http.send("DELETE", "/api/job/\(long)", key: client.key)
        #expect(try client.waitForEnd(completed)["status"] as? String == "completed")
        #expect(try client.waitForEnd(failed)["status"] as? String == "failed")
        #expect(try client.waitForEnd(long, seconds: 30)["state"] as? String == "cancelled")
        for job in [completed, failed, long] {
            #expect(try secrets(job) == 0, "job \(job) still has its cookies")
        }
    }

    @Test(arguments: [("jun.private", "PRIVATE"), ("no.such.account.zz", "NOT_FOUND")])
    func aPrivateOrUnknownAccountFailsAtOnce(_ target: String, _ code: String) throws {
        let (client, _) = try ownClient()
        let jobID = try client.start("sandbox.user", target: target)
        let end = try client.waitForEnd(jobID, seconds: 60)
        #expect(end["status"] as? String == "failed", "\(end)")
        #expect((end["error"] as? [String: Any])?["code"] as? String == code, "\(end)")
        #expect(end["attempts"] as? Int == 1, "no retry: \(end)")
        #expect(end["results"] == nil || end["results"] is NSNull)
    }

    @Test func analyzeDetachQueuesForTheUserAndReturns() throws {
        let (client, userID) = try ownClient()
        let session = try client.session("mina.kim")
        let result = try TestStack.cli(["analyze", "--user", String(userID), "--detach"],
                                       environment: ["INSTAGRAM_CSRF_TOKEN": session.csrf, "INSTAGRAM_SESSION_ID": session.sessionID])
        #expect(result.status == 0, "\(result.err)")
        let jobID = result.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(jobID.count == 16 && jobID.allSatisfy(\.isHexDigit), "only the job id on stdout: \(result.out)")
        #expect(result.err.contains("queued job \(jobID)"))
        // The job is the --user's, and the worker runs it without the CLI following it.
        #expect(try client.waitForEnd(jobID)["status"] as? String == "completed")
        try client.http.get("/api/status/\(jobID)").expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        let unknownUser = try TestStack.cli(["analyze", "--user", "999999999", "--detach", "--csrf-token", "a", "--session-id", "b"])
        #expect(unknownUser.status != 0, "an unknown --user is refused: \(unknownUser.out) \(unknownUser.err)")
    }
}
