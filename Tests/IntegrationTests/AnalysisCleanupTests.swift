import Foundation
import Postgres
import Testing

/// Finished follower analyses are cleaned up after `INSTAGATE_ANALYSIS_CLEANUP_SECONDS` (the earlier service's
/// 5 minutes by default; issue 12), by a worker of the test's own on a fresh schema with the delay at 2 s: the
/// job disappears, its snapshot (what `/changes` compares) stays.
extension WorkerShutdownTests {
    @Test func aFinishedAnalysisIsRemovedAfterTheCleanupDelayAndItsSnapshotKept() throws {
        let (schema, url, db) = try migratedSchema()
        defer { _ = try? db.execute(unsafeSQL: "DROP SCHEMA \(schema) CASCADE") }
        let dir = try temporaryDirectory()
        let id = try enqueue(url: url, schema: schema, db: db, keyFile: try keyFile(url: url, dir: dir, name: "cleanup"),
                             viewer: "mina.kim", target: "mina.kim")
        let worker = try startWorker(url: url, environment: ["INSTAGATE_ANALYSIS_CLEANUP_SECONDS": "2"], log: "\(dir)/cleanup.log")
        defer { stopHard(worker) }
        func state() throws -> String? {
            try db.query("SELECT state FROM \(unsafeSQL: schema).jobs WHERE id = \(id)").first?.decode("state", as: String.self)
        }
        var seen: [String] = []
        let completed = try waitFor("the analysis completed", seconds: 120) {
            let now = try state()
            if let now, seen.last != now { seen.append(now) }
            return now == "completed"
        }
        try #require(completed, "states seen: \(seen)")
        let removed = try waitFor("the finished job removed", seconds: 60) {
            try db.query("SELECT 1 AS found FROM \(unsafeSQL: schema).jobs WHERE id = \(id)").isEmpty
        }
        #expect(removed, "the job is still there after the cleanup delay")
        let snapshots = try db.query("""
            SELECT count(*) AS n FROM \(unsafeSQL: schema).analysis_snapshots WHERE username = 'mina.kim' AND completed_at IS NOT NULL
            """).first?.decode("n", as: Int64.self)
        #expect(snapshots == 1, "the snapshot outlives its job")
    }
}
