import Foundation
import Postgres

/// The statements of one item of a run, each doing in one round trip what used to take two.
extension BulkStore {
    /// What the run's job finds next.
    enum Next {
        /// The run is no longer this job's (paused, cancelled, resumed by another job).
        case notOwned
        /// Every item is finished.
        case finished
        case item(BulkItem)
    }

    /// Whether the job still owns the running run and, if it does, the first item not yet finished (one left
    /// `sending` by a killed attempt comes first).
    func next(runID: Int64, jobID: Int64) throws(PostgresError) -> Next {
        let row = try db.query("""
            SELECT o.owned, i.position, i.target, i.label, i.state, i.result, i.error_code
            FROM (SELECT EXISTS (SELECT 1 FROM instagram_bulk_runs
                                 WHERE id = \(runID) AND job_id = \(jobID) AND state = 'running') AS owned) o
            LEFT JOIN LATERAL (
                SELECT position, target, label, state, result, error_code FROM instagram_bulk_items
                WHERE run_id = \(runID) AND state IN ('pending', 'sending')
                ORDER BY (state = 'sending') DESC, position LIMIT 1) i ON o.owned
            """).exactlyOne()
        guard try row.decode("owned", as: Bool.self) else { return .notOwned }
        let position: Int? = try row.decodeIfPresent("position")
        guard position != nil else { return .finished }
        return .item(try BulkItem(row: row))
    }

    /// What `markSending(_:taking:)` did.
    struct Marked {
        /// The job still owns the running run (else nothing was taken).
        var owned: Bool
        /// The unit was taken.
        var allowed: Bool
        /// The item is `sending` now (taken but not marked: the unit is to be given back).
        var marked: Bool
        /// Where the window stands: after the unit taken, or as it stood when refused.
        var status: QuotaStatus
    }

    /// Takes a unit of `window` (`usage_consume`) and marks the pending item `sending`, if the job still owns the
    /// running run: one statement, committed before the action is sent. Not owned: nothing is taken.
    func markSending(runID: Int64, position: Int, jobID: Int64, scope: String, subject: String,
                     window: RollingWindow) throws(PostgresError) -> Marked {
        let row = try db.query("""
            WITH owned AS (SELECT 1 FROM instagram_bulk_runs WHERE id = \(runID) AND job_id = \(jobID) AND state = 'running'),
            unit AS (SELECT c.allowed, c.used, c.oldest
                     FROM owned CROSS JOIN LATERAL usage_consume(\(scope), \(subject), \(window.limit), \(window.seconds)) c),
            marked AS (
                UPDATE instagram_bulk_items SET state = 'sending', updated_at = now()
                WHERE run_id = \(runID) AND position = \(position) AND state = 'pending' AND (SELECT allowed FROM unit)
                RETURNING position)
            SELECT EXISTS (SELECT 1 FROM owned) AS owned, coalesce((SELECT allowed FROM unit), false) AS allowed,
                   coalesce((SELECT used FROM unit), 0) AS used, (SELECT oldest FROM unit) AS oldest,
                   EXISTS (SELECT 1 FROM marked) AS marked, now() AS now
            """).exactlyOne()
        let status = window.status(used: try row.decode("used"), oldest: try row.decodeIfPresent("oldest"), now: try row.decode("now"))
        return Marked(owned: try row.decode("owned"), allowed: try row.decode("allowed"), marked: try row.decode("marked"), status: status)
    }

    /// An item's outcome (`done`, `skipped`, `failed`, or `pending` again), with `along` (the action's audit row)
    /// in the same round trip; how many items of the run are in each state after it (the job's progress).
    @discardableResult
    func finish(runID: Int64, position: Int, state: String, result: String?, errorCode: String?,
                along: PostgresQuery? = nil) throws(PostgresError) -> [String: Int] {
        // The other items as they stand (the statement's snapshot) and this one as it now is.
        try Self.counts(db.query("""
            WITH \(leading: along) done AS (
                UPDATE instagram_bulk_items SET state = \(state), result = \(result.bound), error_code = \(errorCode.bound), updated_at = now()
                WHERE run_id = \(runID) AND position = \(position) RETURNING state)
            SELECT s.state, count(*)::int AS n
            FROM (SELECT state FROM instagram_bulk_items WHERE run_id = \(runID) AND position <> \(position)
                  UNION ALL SELECT state FROM done) s
            GROUP BY s.state
            """))
    }
}
