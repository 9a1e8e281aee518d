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
