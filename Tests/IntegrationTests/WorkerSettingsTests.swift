import Foundation
import Postgres
import Testing

/// The worker's settings through its own processes (README, configuration table): `INSTAGATE_WORKER_CONCURRENCY`
/// and `--concurrency` (job slots), `INSTAGATE_ANALYSIS_PAGE_DELAY` (pacing between follower-list pages). As in
/// the SIGTERM test, the workers run on a fresh schema so that they never claim the shared queue's jobs. The jobs
/// analyse the 100,000-follower account (540 pages) with a page delay, so they stay running for minutes: the test
/// observes them and then kills its worker and drops the schema.
extension WorkerShutdownTests {
    /// A new API user of the schema; the path of a file holding its key (for `analyze --key-file`).
    func keyFile(url: String, dir: String, name: String) throws -> String {
        let key = try TestStack.cli(["keys", "create", "--name", name], environment: ["INSTAGATE_DATABASE_URL": url])
        try #require(key.status == 0, "\(key.err)")
        let path = "\(dir)/\(name)-key"
        try key.out.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Queues an analysis of `target` with a fresh session of `viewer` (`analyze --detach`); returns the job's row id.
    func enqueue(url: String, schema: String, db: PostgresConnection, keyFile: String, viewer: String, target: String) throws -> Int64 {
        let session = try client.session(viewer)
        let queued = try TestStack.cli(["analyze", "--detach", "--key-file", keyFile, "--csrf-token", session.csrf,
                                        "--session-id", session.sessionID, "--username", target],
                                       environment: ["INSTAGATE_DATABASE_URL": url])
        try #require(queued.status == 0, "analyze --detach: \(queued.err.suffix(300))")
        return try #require(try db.query("""
            SELECT max(id) AS id FROM \(unsafeSQL: schema).jobs WHERE kind = 'follower_analysis'
            """).first?.decodeIfPresent("id", as: Int64.self))
    }

    /// The analyses of the schema: id → (state, pages).
    func analyses(_ db: PostgresConnection, schema: String) throws -> [Int64: (state: String, pages: Int)] {
        var all: [Int64: (state: String, pages: Int)] = [:]
        for row in try db.query("""
            SELECT id, state, coalesce((progress->>'pages')::int, 0) AS pages FROM \(unsafeSQL: schema).jobs
            WHERE kind = 'follower_analysis'
            """) {
            all[try row.decode("id", as: Int64.self)] = (try row.decode("state", as: String.self), try row.decode("pages", as: Int.self))
        }
        return all
    }

    @Test func workerConcurrencyFromTheEnvironmentAndTheOption() throws {
        let (schema, url, db) = try migratedSchema()
        defer { _ = try? db.execute(unsafeSQL: "DROP SCHEMA \(schema) CASCADE") }
        let dir = try temporaryDirectory()
        // Three analyses of three API users (the per-user cap of 2 plays no part), queued before any worker runs:
        // a worker's slots each claim one at start.
        let ids = try (0..<3).map { index in
            try enqueue(url: url, schema: schema, db: db, keyFile: try keyFile(url: url, dir: dir, name: "slots\(index)"),
                        viewer: "bench.cinema", target: "bigstar")
        }
        #expect(Set(ids).count == 3)
        let slow = ["INSTAGATE_ANALYSIS_PAGE_DELAY": "0.5"]

        // INSTAGATE_WORKER_CONCURRENCY=2: two run, and while they page on, the third stays queued.
        let two = try startWorker(url: url, environment: slow.merging(["INSTAGATE_WORKER_CONCURRENCY": "2"]) { $1 },
                                  log: "\(dir)/two.log")
        defer { stopHard(two) }
        #expect(try waitFor("two analyses run, each past page 4", seconds: 120) {
            let running = try analyses(db, schema: schema).values.filter { $0.state == "running" }
            return running.count >= 2 && running.allSatisfy { $0.pages >= 4 }
        })
        let during = try analyses(db, schema: schema)
        #expect(during.values.filter { $0.state == "running" }.count == 2, "\(during)")
        #expect(during.values.filter { $0.state == "queued" }.count == 1, "the third waits for a slot: \(during)")
        let log = (try? String(contentsOfFile: "\(dir)/two.log", encoding: .utf8)) ?? ""
        #expect(log.contains("worker started"), "\(log.prefix(400))")
        two.terminate() // SIGTERM: the two running jobs are released
        #expect(waitFor("the first worker exits", seconds: 90) { !two.isRunning })

        // INSTAGATE_WORKER_CONCURRENCY=1 but --concurrency 3: the option wins, all three run at once.
        let three = try startWorker(url: url, arguments: ["--concurrency", "3"],
                                    environment: slow.merging(["INSTAGATE_WORKER_CONCURRENCY": "1"]) { $1 }, log: "\(dir)/three.log")
        defer { stopHard(three) }
        #expect(try waitFor("three analyses run at once", seconds: 120) {
            try analyses(db, schema: schema).values.filter { $0.state == "running" }.count == 3
        }, "\((try? analyses(db, schema: schema)).map { "\($0)" } ?? "")")
        stopHard(three)
    }

    @Test func pageDelayPacesTheFollowerPages() throws {
        let (schema, url, db) = try migratedSchema()
        defer { _ = try? db.execute(unsafeSQL: "DROP SCHEMA \(schema) CASCADE") }
        let dir = try temporaryDirectory()
        let users = try client.sandbox.admin("GET", "/__sandbox/world")["users"] as? [[String: Any]] ?? []
        let bigstarPK = try #require(users.first { $0["username"] as? String == "bigstar" }?["pk"])
        let kit = DownloadTestKit()
        let after = try kit.lastRequestSequence()
        // The viewer is an account no other test uses as a session, so the sandbox's log tells this job's pages apart.
        let id = try enqueue(url: url, schema: schema, db: db, keyFile: try keyFile(url: url, dir: dir, name: "paced"),
                             viewer: "seoul.traveler", target: "bigstar")
        // A mean of 0.6 s, jittered ±50 %: never less than 0.3 s between two pages.
        let worker = try startWorker(url: url, arguments: ["--concurrency", "1"],
                                     environment: ["INSTAGATE_ANALYSIS_PAGE_DELAY": "0.6"], log: "\(dir)/paced.log")
        defer { stopHard(worker) }
        #expect(try waitFor("the analysis pages past page 8", seconds: 120) {
            (try analyses(db, schema: schema)[id]?.pages ?? 0) >= 8
        })
        stopHard(worker)
        let pages = try kit.requests(after: after, path: "/api/v1/friendships/\(bigstarPK)/followers")
            .filter { $0["viewer"] as? String == "seoul.traveler" }
        let times = pages.compactMap { ($0["time"] as? NSNumber)?.doubleValue }.sorted()
        #expect(times.count >= 8, "\(pages.count) pages logged")
        for (earlier, later) in zip(times, times.dropFirst()) {
            #expect(later - earlier >= 0.29, "pages \(later - earlier) s apart: \(times)")
        }
    }
}
