import Foundation
import Postgres

/// What `requestCancel` did.
public enum CancelOutcome: Sendable, Equatable {
    /// A queued job: cancelled at once.
    case cancelled
    /// A running job: flagged; its worker stops it within a heartbeat.
    case requested
    /// Already completed, failed or cancelled.
    case alreadyFinished(JobState)
    case notFound
}

extension JobQueue {
    /// Asks for a job's cancellation: a queued job ends now, a running one is flagged for its worker.
    public func requestCancel(jobID: Int64) throws(PostgresError) -> CancelOutcome {
        let rows = try connection.query("""
            WITH target AS (SELECT id, state FROM jobs WHERE id = \(jobID) FOR UPDATE),
            changed AS (
                UPDATE jobs j SET cancel_requested = true,
                    state = CASE WHEN t.state = 'queued' THEN 'cancelled' ELSE j.state END,
                    finished_at = CASE WHEN t.state = 'queued' THEN now() ELSE j.finished_at END,
                    last_error_code = CASE WHEN t.state = 'queued' THEN 'CANCELLED' ELSE j.last_error_code END,
                    updated_at = now()
                FROM target t WHERE j.id = t.id AND t.state IN ('queued', 'running')
                RETURNING j.id, t.state AS previous
            ), event AS (
                INSERT INTO job_events (job_id, event, message)
                SELECT id, 'cancel_requested', 'by the user' FROM changed
            )
            SELECT target.state, changed.previous FROM target LEFT JOIN changed ON changed.id = target.id
            """)
        guard let row = rows.first else { return .notFound }
        if let previous: String = try row.decodeIfPresent("previous") {
            return previous == "queued" ? .cancelled : .requested
        }
        return .alreadyFinished(JobState(rawValue: try row.decode("state")) ?? .completed)
    }

    /// How many times a job's worker may die under it (its lease expiring) before the job fails: a lost lease
    /// gives its attempt back, since the job did not fail, but a job that keeps killing its worker must end.
    public static let maxLeaseLosses = 10

    /// Expired leases (a worker killed or lost): the job is queued again to resume from its checkpoint, its
    /// attempt given back; failed once it has lost `maxLeaseLosses` leases. Returns how many were recovered.
    @discardableResult
    public func reapExpiredLeases(maxLeaseLosses: Int = JobQueue.maxLeaseLosses) throws(PostgresError) -> Int {
        let rows = try connection.query("""
            WITH expired AS (
                SELECT id, lease_losses + 1 >= \(maxLeaseLosses) AS spent FROM jobs
                WHERE state = 'running' AND lease_expires_at < now() FOR UPDATE SKIP LOCKED
            ), recovered AS (
                UPDATE jobs j SET
                    lease_losses = j.lease_losses + 1,
                    attempts = CASE WHEN expired.spent THEN j.attempts ELSE greatest(j.attempts - 1, 0) END,
                    state = CASE WHEN expired.spent THEN 'failed' ELSE 'queued' END,
                    finished_at = CASE WHEN expired.spent THEN now() END,
                    last_error_code = 'LEASE_EXPIRED',
                    last_error = CASE WHEN expired.spent
                        THEN 'the worker running it stopped answering ' || j.lease_losses + 1 || ' times'
                        ELSE 'the worker running it stopped answering' END,
                    run_at = now(), lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
                FROM expired WHERE j.id = expired.id
                RETURNING j.id, j.kind, j.state, j.lease_losses
            ), event AS (
                INSERT INTO job_events (job_id, event, message)
                SELECT id, 'lease_expired', 'now ' || state || ' (lease ' || lease_losses || ' lost)' FROM recovered
            )
            SELECT count(*) AS n FROM (SELECT pg_notify('\(unsafeSQL: JobQueue.channel)', kind) FROM recovered) AS notified
            """)
        return try rows.first?.decode("n", as: Int.self) ?? 0
    }

    /// Removes finished jobs older than the retention (their events and rows cascade). Returns the count.
    @discardableResult
    public func removeFinished(olderThan seconds: Double, ownerID: Int64? = nil) throws(PostgresError) -> Int {
        try connection.query("""
            DELETE FROM jobs WHERE state IN ('completed', 'failed', 'cancelled')
              AND finished_at < now() - make_interval(secs => \(seconds))
              AND (\(ownerID.bound)::bigint IS NULL OR owner_id = \(ownerID.bound))
            """).affectedRows
    }

    /// Removes every job of a kind, whatever its state (benchmark and test kinds). Returns the count.
    @discardableResult
    public func removeAll(kind: String) throws(PostgresError) -> Int {
        try connection.query("DELETE FROM jobs WHERE kind = \(kind)").affectedRows
    }

    /// Removes one job of an owner (its events cascade); false when the owner has no job with that id.
    @discardableResult
    public func remove(jobID: Int64, ownerID: Int64) throws(PostgresError) -> Bool {
        try connection.query("DELETE FROM jobs WHERE id = \(jobID) AND owner_id = \(ownerID)").affectedRows > 0
    }

    /// Makes sure a recurring job has a live instance (no-op while one is queued or running).
    public func ensureRecurring(kind: String, uniqueKey: String, runAt: Date? = nil) throws(PostgresError) {
        _ = try enqueue(JobRequest(kind: kind, uniqueKey: uniqueKey, maxAttempts: 3, runAt: runAt))
    }
}
