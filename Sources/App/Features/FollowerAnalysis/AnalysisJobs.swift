import Foundation
import Jobs
import Postgres

/// Looks up follower-analysis jobs by the id clients know, always scoped to their owner.
struct AnalysisJobs {
    let db: PostgresConnection

    /// Job ids are 16 lowercase hex characters; anything else cannot exist.
    static func isJobID(_ text: String) -> Bool {
        text.utf8.count == 16 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// The newest job of `ownerID` with that public id.
    func find(publicID: String, ownerID: Int64) throws(PostgresError) -> Job? {
        guard AnalysisJobs.isJobID(publicID) else { return nil }
        return try db.queryOne("""
            SELECT \(unsafeSQL: Job.columns) FROM jobs
            WHERE owner_id = \(ownerID) AND public_id = \(publicID) AND kind = \(AnalysisRequest.kind)
            ORDER BY created_at DESC, id DESC LIMIT 1
            """, as: Job.self)
    }

    /// The owner's job of the same session (`uniqueKey`) or cookie pair (`publicID`) that blocks a new one:
    /// queued, running, or finished and not yet cleaned up; cancelled jobs do not count.
    func existing(ownerID: Int64, uniqueKey: String, publicID: String) throws(PostgresError) -> Job? {
        try db.queryOne("""
            SELECT \(unsafeSQL: Job.columns) FROM jobs
            WHERE owner_id = \(ownerID) AND kind = \(AnalysisRequest.kind) AND state <> 'cancelled'
              AND (unique_key = \(uniqueKey) OR public_id = \(publicID))
            ORDER BY (state IN ('queued', 'running')) DESC, created_at DESC, id DESC LIMIT 1
            """, as: Job.self)
    }

    /// Removes the owner's cancelled jobs with that public id (a new job of the same cookie pair replaces them).
    func removeCancelled(ownerID: Int64, publicID: String) throws(PostgresError) {
        try db.query("""
            DELETE FROM jobs WHERE owner_id = \(ownerID) AND kind = \(AnalysisRequest.kind) AND public_id = \(publicID)
              AND state = 'cancelled'
            """)
    }

    /// How many analysis jobs the owner has (any state: what cleanup has not removed yet).
    func count(ownerID: Int64) throws(PostgresError) -> Int {
        try db.query("SELECT count(*) AS n FROM jobs WHERE owner_id = \(ownerID) AND kind = \(AnalysisRequest.kind)")
            .first?.decode("n", as: Int.self) ?? 0
    }

    /// The masked sessions (`AnalysisArgs.sessionLabel`) of the owner's running analyses.
    func runningSessionLabels(ownerID: Int64) throws(PostgresError) -> [String] {
        try db.query("""
            SELECT coalesce(args->>'session_label', public_id) AS label FROM jobs
            WHERE owner_id = \(ownerID) AND kind = \(AnalysisRequest.kind) AND state = 'running' ORDER BY started_at, id
            """).map { row throws(PostgresError) in try row.decode("label", as: String.self) }
    }

    /// Removes every analysis job (of any owner) that finished more than `seconds` ago; their snapshots stay.
    func removeFinished(olderThan seconds: Double) throws(PostgresError) -> Int {
        try db.query("""
            DELETE FROM jobs WHERE kind = \(AnalysisRequest.kind) AND state IN ('completed', 'failed', 'cancelled')
              AND finished_at < now() - make_interval(secs => \(seconds))
            """).affectedRows
    }

    /// The owner's analysis jobs, newest first.
    func list(ownerID: Int64, limit: Int = 100) throws(PostgresError) -> [Job] {
        try db.query("""
            SELECT \(unsafeSQL: Job.columns) FROM jobs WHERE owner_id = \(ownerID) AND kind = \(AnalysisRequest.kind)
            ORDER BY created_at DESC, id DESC LIMIT \(limit)
            """, as: Job.self)
    }

    /// The snapshot a completed job produced.
    func snapshot(jobID: Int64) throws(PostgresError) -> (id: Int64, takenAt: Date)? {
        guard let row = try db.query("SELECT id, taken_at FROM analysis_snapshots WHERE job_id = \(jobID) AND completed_at IS NOT NULL").first else {
            return nil
        }
        return (try row.decode("id"), try row.decode("taken_at"))
    }

    /// The job's event log, oldest first.
    func events(jobID: Int64) throws(PostgresError) -> [JobEventJSON] {
        try db.query("SELECT at, event, message FROM job_events WHERE job_id = \(jobID) ORDER BY id LIMIT 1000", as: JobEventJSON.self)
    }
}

/// One line of a job's event log as the API shows it (columns `at, event, message`).
struct JobEventJSON: Encodable, Sendable, PostgresRecord {
    var at: Date
    var event: String
    var message: String

    init(row: PostgresRow) throws(PostgresError) {
        at = try row.decode("at")
        event = try row.decode("event")
        message = try row.decode("message")
    }
}
