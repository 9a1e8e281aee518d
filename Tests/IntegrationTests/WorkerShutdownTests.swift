import Foundation
import Postgres
import Testing

/// The worker's SIGTERM (README, "Jobs"): no new claims, running jobs release their leases, the process exits
/// within `INSTAGATE_SHUTDOWN_TIMEOUT`, and the job is queued again and finished by another worker.
///
/// The workers here are the test's own and run on a fresh schema of the stack's database (migrated by
/// `instagate migrate`, as MigrationTests does): a worker started on the shared queue would claim, and on its
/// SIGTERM release, other tests' jobs (their attempts and events would change). The job is an analysis of the
/// 100,000-follower account through the sandbox, slowed by a latency fault on its followers pages so that it is
/// mid-run when the signal arrives, whatever the machine's load.
@Suite(.threaded, .serialized, .needsStackAndSandbox)
struct WorkerShutdownTests {
    let client = AnalysisClient()

    /// A new schema of the stack's database, migrated; its URL (search_path first) and a connection.
    func migratedSchema() throws -> (name: String, url: String, db: PostgresConnection) {
        let name = "wrk_\(UUID().uuidString.prefix(8).lowercased())"
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        try db.execute(unsafeSQL: "CREATE SCHEMA \(name)")
        let separator = TestStack.databaseURL.contains("?") ? "&" : "?"
        let url = TestStack.databaseURL + separator + "options=-c%20search_path%3D\(name)"
        let migrated = try TestStack.cli(["migrate"], environment: ["INSTAGATE_DATABASE_URL": url])
        try #require(migrated.status == 0, "migrate: \(migrated.err.suffix(300))")
        return (name, url, db)
    }

    func temporaryDirectory() throws -> String {
        let path = TestStack.home + "/tmp/worker-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// `instagate work` on `url` with the stack's settings and no metrics listener (the stack's worker has the port).
    func startWorker(url: String, arguments: [String] = [], environment extra: [String: String] = [:], log: String) throws -> Process {
        var env = ProcessInfo.processInfo.environment
        env["INSTAGATE_DATABASE_URL"] = url
        env["INSTAGATE_SQL_DIR"] = TestStack.sqlDirectory
        env["INSTAGATE_LOG_LEVEL"] = "info"
        env.removeValue(forKey: "INSTAGATE_WORKER_METRICS_LISTEN")
        env.merge(extra) { _, new in new }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestStack.binary)
        process.arguments = ["work"] + arguments
        process.environment = env
        FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func waitFor(_ what: String, seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        if try condition() { return true }
        Issue.record("\(what): not within \(seconds) s")
        return false
    }

    func stopHard(_ process: Process) {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The job's row in the schema: state, lease owner, attempts, pages fetched.
    func job(_ db: PostgresConnection, schema: String, id: Int64) throws -> (state: String, owner: String?, attempts: Int, pages: Int) {
        let row = try #require(try db.query("""
            SELECT state, lease_owner, attempts, coalesce((progress->>'pages')::int, 0) AS pages
            FROM \(unsafeSQL: schema).jobs WHERE id = \(id)
            """).first)
        return (try row.decode("state", as: String.self), try row.decodeIfPresent("lease_owner", as: String.self),
                try row.decode("attempts", as: Int.self), try row.decode("pages", as: Int.self))
    }

    func events(_ db: PostgresConnection, schema: String, id: Int64) throws -> [(event: String, message: String)] {
        try db.query("SELECT event, message FROM \(unsafeSQL: schema).job_events WHERE job_id = \(id) ORDER BY id").map {
            (try $0.decode("event", as: String.self), try $0.decode("message", as: String.self))
        }
    }

    /// The pid in a lease owner `host:pid/slot`.
    func pid(_ owner: String?) -> Int32? {
        owner?.split(separator: "/").first?.split(separator: ":").last.flatMap { Int32($0) }
    }

    @Test func sigtermReleasesTheRunningJobWhichAnotherWorkerFinishes() throws {
        let (schema, url, db) = try migratedSchema()
        defer { _ = try? db.execute(unsafeSQL: "DROP SCHEMA \(schema) CASCADE") }
        let dir = try temporaryDirectory()
        // The job's owner: an API user of the schema, through its key file.
        let key = try TestStack.cli(["keys", "create", "--name", "shutdown"], environment: ["INSTAGATE_DATABASE_URL": url])
        try #require(key.status == 0, "\(key.err)")
        try key.out.write(toFile: "\(dir)/api-key", atomically: true, encoding: .utf8)

        let users = try client.sandbox.admin("GET", "/__sandbox/world")["users"] as? [[String: Any]] ?? []
        let bigstarPK = try #require(users.first { $0["username"] as? String == "bigstar" }?["pk"])
        let armed = try client.sandbox.admin("POST", "/__sandbox/faults",
                                             #"{"kind":"latency","latency_ms":300,"path":"/api/v1/friendships/\#(bigstarPK)/followers","count":40}"#)
        let faultIDs = (armed["faults"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        try #require(faultIDs.count == 1, "the latency fault was armed: \(armed)")
        defer { for id in faultIDs { _ = try? client.sandbox.admin("DELETE", "/__sandbox/faults/\(id)") } }

        let first = try startWorker(url: url, arguments: ["--concurrency", "1"],
                                    environment: ["INSTAGATE_SHUTDOWN_TIMEOUT": "30"], log: "\(dir)/first.log")
        defer { stopHard(first) }
        let session = try client.session("bench.cinema")
        let queued = try TestStack.cli(["analyze", "--detach", "--key-file", "\(dir)/api-key", "--csrf-token", session.csrf,
                                        "--session-id", session.sessionID, "--username", "bigstar"],
                                       environment: ["INSTAGATE_DATABASE_URL": url])
        try #require(queued.status == 0, "analyze --detach: \(queued.err.suffix(300))")
        let id = try #require(try db.query("SELECT id FROM \(unsafeSQL: schema).jobs WHERE kind = 'follower_analysis' ORDER BY id").first?
            .decode("id", as: Int64.self), "the queued job")

        // Running in the first worker, a few pages in.
        try #require(try waitFor("the first worker runs the job past page 3", seconds: 120) {
            let row = try job(db, schema: schema, id: id)
            if !["queued", "running"].contains(row.state) { throw TestFailure("the job ended (\(row.state)) before the signal") }
            return row.state == "running" && pid(row.owner) == first.processIdentifier && row.pages >= 3
        })
        #expect(kill(first.processIdentifier, SIGTERM) == 0)
        // Generous: the worker itself exits 1 when its slots did not finish within INSTAGATE_SHUTDOWN_TIMEOUT.
        #expect(waitFor("the first worker exits after SIGTERM", seconds: 90) { !first.isRunning })
        first.waitUntilExit()
        let firstLog = (try? String(contentsOfFile: "\(dir)/first.log", encoding: .utf8)) ?? ""
        #expect(first.terminationReason == .exit && first.terminationStatus == 0,
                "stopped in time, status \(first.terminationStatus): \(firstLog.suffix(600))")

        // The lease is released at once (not left to expire): queued again, no owner, a `released` event.
        let released = try job(db, schema: schema, id: id)
        #expect(released.state == "queued", "\(released)")
        #expect(released.owner == nil, "\(released)")
        #expect(released.attempts == 0, "a released attempt is not charged: \(released)")
        #expect(try events(db, schema: schema, id: id).contains { $0.event == "released" })

        // Another worker picks it up and finishes it (from the checkpoint), with the world's counts.
        for id in faultIDs { _ = try? client.sandbox.admin("DELETE", "/__sandbox/faults/\(id)") }
        let second = try startWorker(url: url, arguments: ["--concurrency", "1"], log: "\(dir)/second.log")
        defer { stopHard(second) }
        #expect(try waitFor("the second worker completes the job", seconds: 300) {
            let state = try job(db, schema: schema, id: id).state
            if ["failed", "cancelled"].contains(state) { throw TestFailure("the job ended \(state)") }
            return state == "completed"
        })
        let all = try events(db, schema: schema, id: id)
        let claims = all.filter { $0.event == "claimed" }.map(\.message)
        #expect(claims.count == 2, "\(claims)")
        #expect(claims.last?.contains(":\(second.processIdentifier)/") == true, "\(claims)")
        #expect(all.contains { $0.event == "resumed" }, "continued from the checkpoint: \(all.map(\.event))")
        second.terminate()
        #expect(waitFor("the idle second worker exits after SIGTERM", seconds: 60) { !second.isRunning })
    }
}
