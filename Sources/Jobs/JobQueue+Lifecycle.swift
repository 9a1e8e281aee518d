import Foundation
import Postgres

/// What a running attempt learns when it touches its row: whether to go on.
public enum LeaseStatus: Sendable, Equatable {
    case held
    case cancelRequested
    /// `POST …/pause` reached the job: its handler stops at its next checkpoint and the job waits, paused.
    case pauseRequested
    /// The row is no longer ours (lease expired and taken over, or the job was removed).
    case lost
}

extension JobQueue {
    /// Extends a lease; tells whether cancellation was asked for or the lease is gone.
    public func heartbeat(jobID: Int64, leaseOwner: String, leaseSeconds: Double) throws(PostgresError) -> LeaseStatus {
        let rows = try connection.query("""
            UPDATE jobs SET lease_expires_at = now() + make_interval(secs => \(leaseSeconds)), updated_at = now()
            WHERE id = \(jobID) AND lease_owner = \(leaseOwner) AND state = 'running'
            RETURNING cancel_requested, paused_at IS NOT NULL AS pause_requested
            """)
        guard let row = rows.first else { return .lost }
        return try Self.leaseStatus(row)
    }

    /// Stores where the attempt got to and its progress (JSON texts), extending the lease. `along`, the handler's own
    /// statement (the work the progress counts), runs in the same round trip, and in the same transaction: both are
    /// written or neither; it runs even when the lease turns out lost.
    public func saveCheckpoint(jobID: Int64, leaseOwner: String, checkpoint: String?, progress: String,
                               leaseSeconds: Double, along: PostgresQuery? = nil) throws(PostgresError) -> LeaseStatus {
        let rows = try connection.query("""
            WITH \(leading: along)saved AS (
                UPDATE jobs SET checkpoint = coalesce(\(checkpoint.bound)::jsonb, checkpoint), progress = \(progress)::jsonb,
                    lease_expires_at = now() + make_interval(secs => \(leaseSeconds)), updated_at = now()
                WHERE id = \(jobID) AND lease_owner = \(leaseOwner) AND state = 'running'
                RETURNING cancel_requested, paused_at IS NOT NULL AS pause_requested
            )
            SELECT cancel_requested, pause_requested FROM saved
            """)
        guard let row = rows.first else { return .lost }
        return try Self.leaseStatus(row)
    }

    /// What a running job's row says: cancel before pause, else held.
    static func leaseStatus(_ row: PostgresRow) throws(PostgresError) -> LeaseStatus {
        if try row.decode("cancel_requested", as: Bool.self) { return .cancelRequested }
        return try row.decode("pause_requested", as: Bool.self) ? .pauseRequested : .held
    }

    /// Running → completed with a result (JSON text). False when the lease was lost (nothing written to the job;
    /// `along`, the handler's own last statement, runs in the same round trip either way).
    @discardableResult
    public func complete(jobID: Int64, leaseOwner: String, result: String?, along: PostgresQuery? = nil) throws(PostgresError) -> Bool {
        try finish(jobID: jobID, leaseOwner: leaseOwner, state: .completed, result: result, errorCode: nil, error: nil, along: along)
    }

    /// Running → a terminal state, writing the event in the same statement.
    func finish(jobID: Int64, leaseOwner: String, state: JobState, result: String?, errorCode: String?,
                error: String?, along: PostgresQuery? = nil) throws(PostgresError) -> Bool {
        let rows = try connection.query("""
            WITH \(leading: along)done AS (
                UPDATE jobs SET state = \(state.rawValue), result = coalesce(\(result.bound)::jsonb, result),
                    last_error_code = coalesce(\(errorCode.bound), last_error_code), last_error = coalesce(\(error.bound), last_error),
                    lease_owner = NULL, lease_expires_at = NULL, finished_at = now(), updated_at = now()
                WHERE id = \(jobID) AND lease_owner = \(leaseOwner) AND state = 'running'
                RETURNING id
            )
            INSERT INTO job_events (job_id, event, message)
            SELECT id, \(state.rawValue), coalesce(\(errorCode.bound) || ': ' || \(error.bound), '') FROM done
            RETURNING job_id
            """)
        return !rows.isEmpty
    }

    /// Records a failed attempt: queued again after the policy's backoff, or `failed` for good. A retry is announced
    /// on `JobQueue.channel` like an enqueue, so that idle slots learn its due time (the slot that failed it may be
    /// busy with another job by then).
    @discardableResult
    public func fail(job: Job, leaseOwner: String, failure: JobFailure, policy: RetryPolicy,
                     random: inout some RandomNumberGenerator) throws(PostgresError) -> RetryDecision {
        let decision = policy.decide(attempts: job.attempts, maxAttempts: job.maxAttempts, failure: failure, random: &random)
        switch decision {
        case .fail:
            _ = try finish(jobID: job.id, leaseOwner: leaseOwner, state: .failed, result: nil,
                           errorCode: failure.code, error: failure.message)
        case .retry(let delay):
            try connection.query("""
                WITH again AS (
                    UPDATE jobs SET state = 'queued', run_at = now() + make_interval(secs => \(delay)),
                        last_error_code = \(failure.code), last_error = \(failure.message),
                        lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
                    WHERE id = \(job.id) AND lease_owner = \(leaseOwner) AND state = 'running'
                    RETURNING id, kind
                ), event AS (
                    INSERT INTO job_events (job_id, event, message)
                    SELECT id, 'backoff', \(failure.code) || ': ' || \(failure.message) || ' (retry in '
                        || round(\(delay)::numeric, 1) || ' s)' FROM again
                )
                SELECT pg_notify('\(unsafeSQL: JobQueue.channel)', kind) FROM again
                """)
        }
        return decision
    }

    /// Gives a running job back (worker stopping): queued now, the attempt not charged.
    public func release(jobID: Int64, leaseOwner: String) throws(PostgresError) {
        try giveBack(jobID: jobID, leaseOwner: leaseOwner, after: 0, event: "released", message: "worker stopping")
    }

    /// Gives a running job back to run again `seconds` from now (`JobInterruption.postponed`), the attempt not
    /// charged; `reason` is its `postponed` event's message.
    public func postpone(jobID: Int64, leaseOwner: String, seconds: Double, reason: String) throws(PostgresError) {
        try giveBack(jobID: jobID, leaseOwner: leaseOwner, after: seconds, event: "postponed", message: reason)
    }

    private func giveBack(jobID: Int64, leaseOwner: String, after seconds: Double, event: String, message: String) throws(PostgresError) {
        try connection.query("""
            WITH released AS (
                UPDATE jobs SET state = 'queued', run_at = now() + make_interval(secs => \(seconds)), attempts = greatest(attempts - 1, 0),
                    lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
                WHERE id = \(jobID) AND lease_owner = \(leaseOwner) AND state = 'running'
                RETURNING id, kind
            ), event AS (
                INSERT INTO job_events (job_id, event, message) SELECT id, \(event), \(message) FROM released
            )
            SELECT pg_notify('\(unsafeSQL: JobQueue.channel)', kind) FROM released
            """)
    }

    /// Ends a running job as cancelled (its handler saw the request).
    public func markCancelled(jobID: Int64, leaseOwner: String) throws(PostgresError) {
        _ = try finish(jobID: jobID, leaseOwner: leaseOwner, state: .cancelled, result: nil, errorCode: "CANCELLED",
                       error: "cancelled by the user")
    }
}
