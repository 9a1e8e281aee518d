import Foundation
import Postgres
import Testing

/// A worker killed with SIGKILL between the container and the publish, through nginx → responder → PostgreSQL →
/// the stack's supervised worker → the Graph sandbox (issue 14, "Exactly once"): the replacement worker takes the
/// job over when the lease runs out, and the container stored before the kill decides what it does. Killed while
/// `media_publish` is in flight (done by Meta, its answer never read): the container is `PUBLISHED`, so the post
/// is recorded as published without a second publish. Killed before the publish was asked for: the stored
/// container is published, and no second container is made. Either way one post in the sandbox's world.
extension ConnectedAccountTests {
    @Test func publishingAWorkerKilledWhileThePublishIsInFlightLeavesOnePost() throws {
        try PublishingKit().aWorkerKilledWhileThePublishIsInFlightLeavesOnePost()
    }
    @Test func publishingAWorkerKilledAfterTheContainerLeavesOnePost() throws {
        try PublishingKit().aWorkerKilledAfterTheContainerLeavesOnePost()
    }
}

extension PublishingKit {
    func aWorkerKilledWhileThePublishIsInFlightLeavesOnePost() throws {
        // Meta publishes at once but its answer is held 20 s: the worker is killed while it waits for it.
        let (caption, before, id) = try publishWithHeldCall("/\(igUserID)/media_publish", after: true, caption: "Killed mid-publish")
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        let killed = try killWorker(of: id, db: db) { $0.publishRequested }
        let post = try wait(id, seconds: 120)
        #expect(post["state"] as? String == "published", "\(post)")
        let live = try media(captioned: caption)
        #expect(live.count == 1, "one post in the sandbox's world: \(live)")
        #expect(post["platform_post_id"] as? String == live.first?["id"] as? String && post["platform_post_id"] != nil)
        let shortcode = try #require(post["shortcode"] as? String)
        #expect((post["permalink"] as? String)?.contains("/p/\(shortcode)/") == true, "\(post)")
        // The held answer reaches the sandbox's log once it is sent (to the dead worker's closed socket).
        let publishes = try sandboxCalls(after: before, "POST", "/\(igUserID)/media_publish", atLeast: 1, seconds: 40)
        #expect(publishes.count == 1, "one media_publish, never a blind second one: \(publishes.count)")
        #expect(try sandboxCalls(after: before, "POST", "/\(igUserID)/media").count == 1, "one container")
        let events = try jobEvents(post: id, db: db)
        #expect(events.contains("already_published"), "the container's status decided: \(events)")
        try expectTakenOver(post: id, from: killed, db: db)
    }

    func aWorkerKilledAfterTheContainerLeavesOnePost() throws {
        // The publishing limit's answer is held 20 s: the container is stored, nothing is published yet.
        let (caption, before, id) = try publishWithHeldCall("/\(igUserID)/content_publishing_limit", after: false,
                                                            caption: "Killed before publishing")
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        let killed = try killWorker(of: id, db: db) { $0.container != nil && !$0.publishRequested }
        let container = try #require(try state(of: id, db: db)?.container)
        let post = try wait(id, seconds: 120)
        #expect(post["state"] as? String == "published", "\(post)")
        #expect(try media(captioned: caption).count == 1, "one post in the sandbox's world")
        #expect((post["permalink"] as? String)?.contains("/p/") == true, "\(post)")
        #expect(try state(of: id, db: db)?.container == container, "the stored container was published, not a new one")
        #expect(try sandboxCalls(after: before, "POST", "/\(igUserID)/media").count == 1, "one container")
        #expect(try sandboxCalls(after: before, "POST", "/\(igUserID)/media_publish").count == 1, "one publish")
        try expectTakenOver(post: id, from: killed, db: db)
    }

    /// Arms a one-time 20 s hold on `path` (`after`: the call is done first, only its answer is late), publishes a
    /// post with a new caption; the caption, the sandbox's last request sequence before it, and the post's id.
    func publishWithHeldCall(_ path: String, after: Bool, caption prefix: String) throws -> (String, Int, Int) {
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/faults",
                                   #"{"kind":"latency","after":\#(after),"latency_ms":20000,"path":"\#(path)","count":1}"#)
        let before = try kit.lastRequestSequence()
        let caption = "\(prefix) \(UUID().uuidString.prefix(8))"
        let answer = try publish(caption: caption)
        #expect(answer.status == 202, "\(answer.text)")
        return (caption, before, try #require(answer.json["id"] as? Int))
    }

    /// What the worker has stored of a post.
    struct StoredProgress {
        var container: String?
        var publishRequested: Bool
        var jobState: String?
        var leaseOwner: String?
    }

    func state(of id: Int, db: PostgresConnection) throws -> StoredProgress? {
        guard let row = try db.query("""
            SELECT p.container_id, p.publish_requested_at IS NOT NULL AS requested, j.state AS job_state, j.lease_owner
            FROM instagram_publications p LEFT JOIN jobs j ON j.id = p.job_id WHERE p.id = \(Int64(id))
            """).first else { return nil }
        return StoredProgress(container: try row.decodeIfPresent("container_id"), publishRequested: try row.decode("requested"),
                              jobState: try row.decodeIfPresent("job_state"), leaseOwner: try row.decodeIfPresent("lease_owner"))
    }

    /// Waits until the post's running job has reached `reached`, lets the held call be in flight, then kills the
    /// worker process holding the job's lease (`host:pid/slot`) with SIGKILL; its pid. The stack's supervisor
    /// starts a new worker, which takes the job over once the lease has run out.
    func killWorker(of id: Int, db: PostgresConnection, when reached: (StoredProgress) -> Bool) throws -> Int32 {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let progress = try state(of: id, db: db), progress.jobState == "running", reached(progress),
               let pid = progress.leaseOwner?.split(separator: "/").first?.split(separator: ":").last.flatMap({ Int32($0) }) {
                let command = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
                try #require(command.contains("instagate") && command.contains("work"), "the lease owner \(pid) is a worker: \(command)")
                Thread.sleep(forTimeInterval: 1)
                try #require(kill(pid, SIGKILL) == 0, "kill -9 \(pid)")
                return pid
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let last = try? state(of: id, db: db)
        Issue.record("the post never reached the point of the kill: \(String(describing: last))")
        throw CancellationError()
    }

    /// The sandbox's logged calls of `method` to exactly `path` after `sequence`, waiting up to `seconds` for `atLeast`.
    func sandboxCalls(after sequence: Int, _ method: String, _ path: String, atLeast: Int = 0, seconds: Double = 0) throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let calls = try kit.requests(after: sequence, path: path).filter { $0["method"] as? String == method && $0["path"] as? String == path }
            if calls.count >= atLeast || Date() >= deadline { return calls }
            Thread.sleep(forTimeInterval: 0.5)
        }
    }

    /// The job was claimed by the killed worker, its lease ran out, and another worker finished it.
    func expectTakenOver(post id: Int, from killed: Int32, db: PostgresConnection) throws {
        let claims = try claimPIDs(post: id, db: db)
        #expect(claims.count >= 2 && claims.first == killed && claims.last != killed, "claims by \(claims), killed \(killed)")
        #expect(try jobEvents(post: id, db: db).contains("lease_expired"))
    }

    /// The events of every job the post had.
    func jobEvents(post id: Int, db: PostgresConnection) throws -> [String] {
        try db.query("""
            SELECT e.event FROM job_events e JOIN jobs j ON j.id = e.job_id
            WHERE j.kind = 'publish_post' AND j.args->>'publication_id' = \(String(id)) ORDER BY e.id
            """).map { try $0.decode("event", as: String.self) }
    }

    /// The pids of the workers that claimed the post's jobs, in order (a `claimed` event says `attempt N by host:pid/slot`).
    func claimPIDs(post id: Int, db: PostgresConnection) throws -> [Int32] {
        try db.query("""
            SELECT e.message FROM job_events e JOIN jobs j ON j.id = e.job_id
            WHERE j.kind = 'publish_post' AND j.args->>'publication_id' = \(String(id)) AND e.event = 'claimed' ORDER BY e.id
            """).compactMap { row in
            let message: String = try row.decode("message")
            return message.split(separator: " ").last?.split(separator: "/").first?.split(separator: ":").last.flatMap { Int32($0) }
        }
    }
}
