import Foundation
import Postgres

/// What `requestPause` did.
public enum PauseOutcome: Sendable, Equatable {
    /// A queued job: paused at once (no worker claims it until it is resumed).
    case paused
    /// A running job: flagged; its handler stops at its next checkpoint and the job waits, paused.
    case requested
    /// Completed, failed or cancelled: nothing to pause.
    case alreadyFinished(JobState)
    case notFound
}

/// What `resume` did.
public enum ResumeOutcome: Sendable, Equatable {
    /// Paused and queued: claimable again now.
    case resumed
    /// Still running (its pause had not landed yet): the request is withdrawn and it goes on.
    case continued
    /// Not paused (queued, running or finished): nothing changed.
    case notPaused(JobState)
    case notFound
}

extension JobQueue {
    /// Pauses a queued or running job: `paused_at` is set (a running job learns it at its next checkpoint or
    /// heartbeat) and a queued one is moved out of the claim order. Pausing a paused job changes nothing.
    public func requestPause(jobID: Int64) throws(PostgresError) -> PauseOutcome {
        let rows = try connection.query("""
            WITH target AS (SELECT id, state FROM jobs WHERE id = \(jobID) FOR UPDATE),
            changed AS (
                UPDATE jobs j SET paused_at = coalesce(j.paused_at, now()), updated_at = now()
                FROM target t WHERE j.id = t.id AND t.state IN ('queued', 'running') AND NOT j.cancel_requested
                RETURNING j.id, t.state AS previous
            ), event AS (
                INSERT INTO job_events (job_id, event, message) SELECT id, 'pause_requested', 'by the user' FROM changed
            )
            SELECT target.state, changed.previous FROM target LEFT JOIN changed ON changed.id = target.id
            """)
        guard let row = rows.first else { return .notFound }
        if let previous: String = try row.decodeIfPresent("previous") {
            return previous == "queued" ? .paused : .requested
        }
        return .alreadyFinished(JobState(rawValue: try row.decode("state")) ?? .cancelled)
    }

    /// Resumes a paused job: claimable at once (a worker is woken), or, when its pause had not landed yet,
    /// running on without stopping.
    public func resume(jobID: Int64) throws(PostgresError) -> ResumeOutcome {
        let rows = try connection.query("""
            WITH target AS (SELECT id, state, paused_at IS NOT NULL AS paused FROM jobs WHERE id = \(jobID) FOR UPDATE),
            changed AS (
                UPDATE jobs j SET paused_at = NULL, run_at = CASE WHEN t.state = 'queued' THEN now() ELSE j.run_at END,
                    updated_at = now()
                FROM target t WHERE j.id = t.id AND t.paused AND t.state IN ('queued', 'running')
                RETURNING j.id, j.kind, t.state AS previous
            ), event AS (
                INSERT INTO job_events (job_id, event, message) SELECT id, 'resumed', 'by the user' FROM changed
            ), wake AS (
                SELECT pg_notify('\(unsafeSQL: JobQueue.channel)', kind) FROM changed WHERE previous = 'queued'
            )
            SELECT target.state, changed.previous, (SELECT count(*) FROM wake) AS woken
            FROM target LEFT JOIN changed ON changed.id = target.id
            """)
        guard let row = rows.first else { return .notFound }
        if let previous: String = try row.decodeIfPresent("previous") {
            return previous == "queued" ? .resumed : .continued
        }
        return .notPaused(JobState(rawValue: try row.decode("state")) ?? .queued)
    }

    /// A running job whose handler saw the pause: queued again but paused (not claimed until resumed), its
    /// attempt given back, its checkpoint and progress kept.
    public func markPaused(jobID: Int64, leaseOwner: String) throws(PostgresError) {
        try connection.query("""
            WITH paused AS (
                UPDATE jobs SET state = 'queued', run_at = now(), attempts = greatest(attempts - 1, 0),
                    lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
                WHERE id = \(jobID) AND lease_owner = \(leaseOwner) AND state = 'running'
                RETURNING id
            )
            INSERT INTO job_events (job_id, event, message) SELECT id, 'paused', 'at a checkpoint' FROM paused
            """)
    }
}
