import Foundation
import Postgres

extension JobQueue {
    /// Claims the next runnable job of one of `kinds` for `leaseOwner`, or nil. Uncapped kinds are claimed in
    /// one statement; a capped kind under a per-kind advisory lock, so its caps hold across workers.
    /// `FOR UPDATE SKIP LOCKED` keeps claimers from waiting on, or taking, each other's rows.
    public func claim(kinds: [String: JobKindPolicy], leaseOwner: String, leaseSeconds: Double) throws -> Job? {
        for kind in kinds.filter({ !$0.value.isCapped }).map(\.key).sorted() {
            if let job = try claimUncapped(kind: kind, leaseOwner: leaseOwner, leaseSeconds: leaseSeconds) { return job }
        }
        for (kind, policy) in kinds.filter(\.value.isCapped).sorted(by: { $0.key < $1.key }) {
            if let job = try claimCapped(kind: kind, policy: policy, leaseOwner: leaseOwner, leaseSeconds: leaseSeconds) {
                return job
            }
        }
        return nil
    }

    /// One statement; `kind = $n` keeps the plan on the partial index `jobs_claimable (kind, run_at, id)`.
    func claimUncapped(kind: String, leaseOwner: String, leaseSeconds: Double) throws(PostgresError) -> Job? {
        try decodeClaimed(connection.query("""
            WITH params AS (SELECT \(leaseOwner)::text AS owner, \(leaseSeconds)::float8 AS secs),
            candidate AS (
                SELECT id FROM jobs WHERE state = 'queued' AND kind = \(kind) AND run_at <= now() AND paused_at IS NULL
                ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
            )
            \(unsafeSQL: JobQueue.claimTail)
            """))
    }

    func claimCapped(kind: String, policy: JobKindPolicy, leaseOwner: String, leaseSeconds: Double) throws -> Job? {
        let global = policy.globalCap ?? Int(Int32.max), perUser = policy.perUserCap ?? Int(Int32.max)
        return try connection.transaction { tx throws -> Job? in
            try tx.query("SELECT pg_advisory_xact_lock(hashtext('instagate.jobs.' || \(kind)))")
            return try decodeClaimed(tx.query("""
                WITH params AS (SELECT \(leaseOwner)::text AS owner, \(leaseSeconds)::float8 AS secs),
                candidate AS (
                    SELECT j.id FROM jobs j
                    WHERE j.kind = \(kind) AND j.state = 'queued' AND j.run_at <= now() AND j.paused_at IS NULL
                      AND (SELECT count(*) FROM jobs r WHERE r.kind = \(kind) AND r.state = 'running') < \(global)
                      AND (j.owner_id IS NULL OR (SELECT count(*) FROM jobs r WHERE r.kind = \(kind)
                           AND r.state = 'running' AND r.owner_id = j.owner_id) < \(perUser))
                    ORDER BY j.run_at, j.id LIMIT 1 FOR UPDATE SKIP LOCKED
                )
                \(unsafeSQL: JobQueue.claimTail)
                """))
        }
    }

    /// Completes a running job and claims the next queued job of the same uncapped kind in one round trip
    /// (the queue's hot path: one statement per job instead of two). `completed` is false when the lease was
    /// lost (nothing written); the claim is made either way, under the same rules as `claimUncapped`.
    /// `along`: the handler's own last statement (`JobContext.completeAlong`), run in the same round trip whatever
    /// becomes of the lease.
    public func completeAndClaimNext(jobID: Int64, leaseOwner: String, result: String?, kind: String,
                                     leaseSeconds: Double, along: PostgresQuery? = nil) throws(PostgresError) -> (completed: Bool, next: Job?) {
        let rows = try connection.query("""
            WITH \(leading: along)params AS (SELECT \(leaseOwner)::text AS owner, \(leaseSeconds)::float8 AS secs),
            done AS (
                UPDATE jobs SET state = 'completed', result = coalesce(\(result.bound)::jsonb, result),
                    lease_owner = NULL, lease_expires_at = NULL, finished_at = now(), updated_at = now()
                WHERE id = \(jobID) AND lease_owner = \(leaseOwner) AND state = 'running'
                RETURNING id
            ), done_event AS (
                INSERT INTO job_events (job_id, event, message) SELECT id, 'completed', '' FROM done
            ), candidate AS (
                SELECT id FROM jobs WHERE state = 'queued' AND kind = \(kind) AND run_at <= now() AND paused_at IS NULL
                ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
            )
            \(unsafeSQL: JobQueue.claimCTEs)
            SELECT (SELECT count(*) FROM done) AS completed_count, claimed.*
            FROM (SELECT 1) AS one LEFT JOIN claimed ON true
            """)
        guard let row = rows.first else { return (false, nil) }
        let completed = try row.decode("completed_count", as: Int.self) > 0
        guard try row.decodeIfPresent("id", as: Int64.self) != nil else { return (completed, nil) }
        return (completed, try Job(row: row))
    }

    /// After `params` and `candidate` CTEs: move the candidate to running under the lease, log the claim.
    static let claimTail = claimCTEs + """

        SELECT \(Job.columns) FROM claimed
        """

    /// The `claimed` (the row, `RETURNING j.*`) and `event` CTEs of a claim.
    static let claimCTEs = """
        , claimed AS (
            UPDATE jobs j SET state = 'running', lease_owner = params.owner,
                lease_expires_at = now() + make_interval(secs => params.secs), attempts = j.attempts + 1,
                started_at = coalesce(j.started_at, now()), updated_at = now()
            FROM candidate, params WHERE j.id = candidate.id
            RETURNING j.*
        ), event AS (
            INSERT INTO job_events (job_id, event, message)
            SELECT id, 'claimed', 'attempt ' || attempts || ' by ' || lease_owner FROM claimed
        )
        """

    private func decodeClaimed(_ rows: PostgresRows) throws(PostgresError) -> Job? {
        try rows.atMostOne()?.decode(as: Job.self)
    }
}
