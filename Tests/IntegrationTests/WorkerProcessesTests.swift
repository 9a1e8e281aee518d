import Foundation
import Postgres
import Testing

/// Several worker processes on one queue (issue 11, part 7; `deploy/scale` runs them on hosts of their own, in
/// network namespaces): every job is run by exactly one process. The workers are `instagate work --bench-drain`
/// on a private no-op kind of the stack's queue (the stack's own worker does not know that kind), each writing the
/// id of every run it made; a job run by two of them appears in two files.
@Suite(.threaded, .needsStack)
struct WorkerProcessesTests {
    static let jobs = 600
    static let processes = 3
    static let slots = 4

    @Test("three worker processes drain one queue: every job run exactly once, by several of them")
    func threeProcessesRunEveryJobOnce() throws {
        let kind = "bench.processes.\(UUID().uuidString.prefix(8).lowercased())"
        let directory = TestStack.home + "/tmp/\(kind)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        defer { _ = try? db.query("DELETE FROM jobs WHERE kind = \(kind)") }
        let before = try workerConnections(db)
        let files = (1...Self.processes).map { "\(directory)/runs-\($0)" }
        let workers = try files.map { try startDrain(kind: kind, runs: $0) }
        defer { for worker in workers where worker.isRunning { kill(worker.processIdentifier, SIGKILL) } }
        // Every process connected (and listening) before the jobs arrive, so that all of them compete for them.
        try #require(try waitFor(seconds: 60) { try workerConnections(db) >= before + Self.processes * Self.slots },
                     "the \(Self.processes) workers did not connect")

        let enqueued = try TestStack.cli(["work", "--bench-kind", kind, "--bench-enqueue", "\(Self.jobs)"])
        try #require(enqueued.status == 0, "enqueue: \(enqueued.err.suffix(300))")
        let completed = try waitFor(seconds: 180) { try completedCount(db, kind: kind) == Self.jobs }
        for worker in workers { kill(worker.processIdentifier, SIGTERM) }
        for worker in workers { worker.waitUntilExit() }
        let completedJobs = try completedCount(db, kind: kind)
        #expect(completed, "completed: \(completedJobs) of \(Self.jobs)")

        let runs = try files.map { file in
            try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").compactMap { Int64($0) }
        }
        let all = runs.flatMap { $0 }
        let twice = Dictionary(grouping: all, by: { $0 }).filter { $0.value.count > 1 }.keys
        #expect(twice.isEmpty, "\(twice.count) jobs run more than once, e.g. \(Array(twice.prefix(5)))")
        #expect(all.count == Self.jobs, "\(all.count) runs for \(Self.jobs) jobs")
        // At least two took part (all three nearly always do; one slow to start on a loaded machine may find none left).
        #expect(runs.filter { !$0.isEmpty }.count >= 2, "runs per process: \(runs.map(\.count))")
    }

    /// `instagate work --bench-drain FILE` on the stack's database, 4 slots.
    func startDrain(kind: String, runs: String) throws -> Process {
        var env = ProcessInfo.processInfo.environment
        env["INSTAGATE_DATABASE_URL"] = TestStack.databaseURL
        env["INSTAGATE_SQL_DIR"] = TestStack.sqlDirectory
        env["INSTAGATE_LOG_LEVEL"] = "warning"
        env.removeValue(forKey: "INSTAGATE_WORKER_METRICS_LISTEN")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestStack.binary)
        process.arguments = ["work", "--concurrency", "\(Self.slots)", "--bench-kind", kind, "--bench-drain", runs]
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Job slots connected to the database now (every worker's, the stack's included).
    func workerConnections(_ db: PostgresConnection) throws -> Int {
        try db.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'instagate-worker'")
            .first?.decode("n", as: Int.self) ?? 0
    }

    func completedCount(_ db: PostgresConnection, kind: String) throws -> Int {
        try db.query("SELECT count(*)::int AS n FROM jobs WHERE kind = \(kind) AND state = 'completed'")
            .first?.decode("n", as: Int.self) ?? 0
    }

    func waitFor(seconds: Double, _ condition: () throws -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }
}
