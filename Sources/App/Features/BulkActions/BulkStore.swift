import Foundation
import Instagram
import Jobs
import Postgres

/// The bulk runs' SQL (`instagram_bulk_runs`, `instagram_bulk_items`). A run is worked on only by the job its
/// `job_id` names while it is `running`: every statement of the job checks both, so a paused, cancelled or
/// resumed-elsewhere run stops the old job at its next look.
struct BulkStore {
    let db: PostgresConnection

    /// A new run and its items; the run's id.
    func create(_ request: BulkRequest, publicID: String, userID: Int64, instagramUserID: String, source: String,
                items: [(target: String, label: String?)]) throws(PostgresError) -> Int64 {
        let id: Int64 = try db.query("""
            INSERT INTO instagram_bulk_runs (public_id, user_id, username, instagram_user_id, action, interval_seconds, source)
            VALUES (\(publicID), \(userID), \(request.username), \(instagramUserID), \(request.action.rawValue),
                    \(request.interval), \(source))
            RETURNING id
            """).exactlyOne().decode("id")
        let targets = JobJSON.encode(items.map(\.target)), labels = JobJSON.encode(items.map { $0.label ?? "" })
        try db.run("""
            INSERT INTO instagram_bulk_items (run_id, position, target, label)
            SELECT \(id), t.ordinality - 1, t.target, nullif(l.label, '')
            FROM jsonb_array_elements_text(\(targets)::jsonb) WITH ORDINALITY AS t (target, ordinality)
            JOIN jsonb_array_elements_text(\(labels)::jsonb) WITH ORDINALITY AS l (label, ordinality) USING (ordinality)
            """)
        return id
    }

    func setJob(runID: Int64, jobID: Int64) throws(PostgresError) {
        try db.run("UPDATE instagram_bulk_runs SET job_id = \(jobID), updated_at = now() WHERE id = \(runID)")
    }

    /// The caller's run by its public id (another user's is nil).
    func find(publicID: String, userID: Int64) throws(PostgresError) -> BulkRun? {
        try db.queryOne("""
            SELECT \(unsafeSQL: BulkRun.columns) FROM instagram_bulk_runs WHERE public_id = \(publicID) AND user_id = \(userID)
            """, as: BulkRun.self)
    }

    func find(id: Int64) throws(PostgresError) -> BulkRun? {
        try db.queryOne("SELECT \(unsafeSQL: BulkRun.columns) FROM instagram_bulk_runs WHERE id = \(id)", as: BulkRun.self)
    }

    func items(runID: Int64) throws(PostgresError) -> [BulkItem] {
        try db.query("""
            SELECT position, target, label, state, result, error_code FROM instagram_bulk_items
            WHERE run_id = \(runID) ORDER BY position
            """, as: BulkItem.self)
    }

    /// How many items are in each state.
    func counts(runID: Int64) throws(PostgresError) -> [String: Int] {
        try Self.counts(db.query("SELECT state, count(*)::int AS n FROM instagram_bulk_items WHERE run_id = \(runID) GROUP BY state"))
    }

    /// Every item state with its count from rows of `state` and `n` (a state without items: 0).
    static func counts(_ rows: PostgresRows) throws(PostgresError) -> [String: Int] {
        var counts = ["pending": 0, "sending": 0, "done": 0, "skipped": 0, "failed": 0]
        for row in rows {
            counts[try row.decode("state", as: String.self)] = try row.decode("n", as: Int.self)
        }
        return counts
    }
}

extension BulkStore {
    /// The job takes the run (queued → running) if the run is still its own; false when it is not.
    func start(runID: Int64, jobID: Int64) throws(PostgresError) -> Bool {
        try !db.query("""
            UPDATE instagram_bulk_runs SET state = 'running', resumes_at = NULL,
                stop_code = CASE WHEN stop_code = 'RATE_LIMIT_EXCEEDED' THEN NULL ELSE stop_code END, updated_at = now()
            WHERE id = \(runID) AND job_id = \(jobID) AND state IN ('queued', 'running')
            RETURNING id
            """).isEmpty
    }

    /// Whether the job still owns a running run.
    func owns(runID: Int64, jobID: Int64) throws(PostgresError) -> Bool {
        try !db.query("""
            SELECT 1 AS owned FROM instagram_bulk_runs WHERE id = \(runID) AND job_id = \(jobID) AND state = 'running'
            """).isEmpty
    }

    /// Ends the run the job owns: `completed` or `stopped` (with why).
    func end(runID: Int64, jobID: Int64, state: String, code: String?, message: String?) throws(PostgresError) {
        try db.run("""
            UPDATE instagram_bulk_runs SET state = \(state), stop_code = \(code.bound), stop_message = \(message.bound),
                finished_at = now(), updated_at = now()
            WHERE id = \(runID) AND job_id = \(jobID) AND state = 'running'
            """)
    }

    /// The run waits for its daily limit until `resumesAt` (still running: its job comes back then).
    func waitForLimit(runID: Int64, jobID: Int64, resumesAt: Date, message: String) throws(PostgresError) {
        try db.run("""
            UPDATE instagram_bulk_runs SET stop_code = 'RATE_LIMIT_EXCEEDED', stop_message = \(message), resumes_at = \(resumesAt),
                updated_at = now()
            WHERE id = \(runID) AND job_id = \(jobID) AND state = 'running'
            """)
    }
}

extension BulkStore {
    /// queued/running → paused; false when it was not live.
    func pause(runID: Int64) throws(PostgresError) -> Bool {
        try !db.query("""
            UPDATE instagram_bulk_runs SET state = 'paused', resumes_at = NULL, updated_at = now()
            WHERE id = \(runID) AND state IN ('queued', 'running') RETURNING id
            """).isEmpty
    }

    /// paused or stopped → queued for the new job `jobID` (why it stopped is forgotten).
    func resume(runID: Int64, jobID: Int64) throws(PostgresError) -> Bool {
        try !db.query("""
            UPDATE instagram_bulk_runs SET state = 'queued', job_id = \(jobID), stop_code = NULL, stop_message = NULL,
                finished_at = NULL, updated_at = now()
            WHERE id = \(runID) AND state IN ('paused', 'stopped') RETURNING id
            """).isEmpty
    }

    /// queued/running/paused → cancelled; the job that worked on it, if the run was live.
    func cancel(runID: Int64) throws(PostgresError) -> (cancelled: Bool, jobID: Int64?) {
        guard let row = try db.query("""
            UPDATE instagram_bulk_runs SET state = 'cancelled', finished_at = now(), updated_at = now()
            WHERE id = \(runID) AND state IN ('queued', 'running', 'paused') RETURNING job_id
            """).first else { return (false, nil) }
        return (true, try row.decodeIfPresent("job_id"))
    }
}
