import Foundation
import Postgres

/// What a claim found: a job, or else when the earliest queued job of the kinds looked at falls due.
public struct ClaimOutcome: Sendable {
    /// The job claimed (running, leased), or nil.
    public var job: Job?
    /// Without a job: seconds until the earliest queued, unpaused job of the kinds falls due (one not yet due when
    /// the claim ran; jobs due then that it did not take are at a cap or held by another claimer), nil when there is
    /// none. An idle slot waits at most that long, since such a job (a retry's backoff, a job enqueued to run later)
    /// falls due with no notification. Measured on PostgreSQL's clock; may be slightly negative by the time it is read.
    public var secondsUntilNextDue: Double?

    public init(job: Job? = nil, secondsUntilNextDue: Double? = nil) {
        self.job = job
        self.secondsUntilNextDue = secondsUntilNextDue
    }
}

extension JobQueue {
    /// Claims the next runnable job of one of `kinds` for `leaseOwner`, or nil. Uncapped kinds are claimed in
    /// one statement; a capped kind under a per-kind advisory lock, so its caps hold across workers.
    /// `FOR UPDATE SKIP LOCKED` keeps claimers from waiting on, or taking, each other's rows.
    public func claim(kinds: [String: JobKindPolicy], leaseOwner: String, leaseSeconds: Double) throws -> Job? {
        try claimOrNextDue(kinds: kinds, leaseOwner: leaseOwner, leaseSeconds: leaseSeconds).job
    }

    /// `claim`, and when there is nothing to claim, when the next job of `kinds` falls due: each kind's claim
    /// statement answers it too, so an idle slot learns it without a statement of its own. The uncapped kinds are
    /// tried first, then the capped ones; `first`, when given, before all of them (a slot whose job of a capped kind
    /// just ended takes a job that waited at that cap: nothing else announces that the cap has room again).
    public func claimOrNextDue(kinds: [String: JobKindPolicy], leaseOwner: String, leaseSeconds: Double,
                               first: String? = nil) throws -> ClaimOutcome {
        var nextDue: Double?
        for kind in JobQueue.claimOrder(kinds, first: first) {
            guard let policy = kinds[kind] else { continue }
            let outcome = policy.isCapped
                ? try claimCapped(kind: kind, policy: policy, leaseOwner: leaseOwner, leaseSeconds: leaseSeconds)
                : try claimUncapped(kind: kind, leaseOwner: leaseOwner, leaseSeconds: leaseSeconds)
            if outcome.job != nil { return outcome }
            if let seconds = outcome.secondsUntilNextDue { nextDue = min(nextDue ?? seconds, seconds) }
        }
        return ClaimOutcome(job: nil, secondsUntilNextDue: nextDue)
    }

    /// The order a claim tries `kinds` in: uncapped by name, then capped by name, with `first` (if among them) moved
    /// to the front.
    static func claimOrder(_ kinds: [String: JobKindPolicy], first: String?) -> [String] {
        var order = kinds.filter { !$0.value.isCapped }.map(\.key).sorted() + kinds.filter(\.value.isCapped).map(\.key).sorted()
        if let first, let index = order.firstIndex(of: first) { order.insert(order.remove(at: index), at: 0) }
        return order
    }

    /// One statement; `kind = $n` keeps the plan on the partial index `jobs_claimable (kind, run_at, id)`. Without a
    /// job it answers when the kind's earliest job not yet due falls due (`next_due_in`, one more probe of that
    /// index): what the candidate could not take is either that or due already (held by another claimer; for a
    /// capped kind, at its cap), which an idle slot must not wake for, or it would only spin.
    func claimUncapped(kind: String, leaseOwner: String, leaseSeconds: Double) throws(PostgresError) -> ClaimOutcome {
        try decodeClaim(connection.query("""
            WITH params AS (SELECT \(leaseOwner)::text AS owner, \(leaseSeconds)::float8 AS secs, \(kind)::text AS kind),
            candidate AS (
                SELECT id FROM jobs WHERE state = 'queued' AND kind = \(kind) AND run_at <= now() AND paused_at IS NULL
                ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
            )
            \(unsafeSQL: JobQueue.claimCTEs)
            \(unsafeSQL: JobQueue.claimAnswer)
            """))
    }

    func claimCapped(kind: String, policy: JobKindPolicy, leaseOwner: String, leaseSeconds: Double) throws -> ClaimOutcome {
        let global = policy.globalCap ?? Int(Int32.max), perUser = policy.perUserCap ?? Int(Int32.max)
        return try connection.transaction { tx throws -> ClaimOutcome in
            try tx.query("SELECT pg_advisory_xact_lock(hashtext('instagate.jobs.' || \(kind)))")
            return try decodeClaim(tx.query("""
                WITH params AS (SELECT \(leaseOwner)::text AS owner, \(leaseSeconds)::float8 AS secs, \(kind)::text AS kind),
                candidate AS (
                    SELECT j.id FROM jobs j
                    WHERE j.kind = \(kind) AND j.state = 'queued' AND j.run_at <= now() AND j.paused_at IS NULL
                      AND (SELECT count(*) FROM jobs r WHERE r.kind = \(kind) AND r.state = 'running') < \(global)
                      AND (j.owner_id IS NULL OR (SELECT count(*) FROM jobs r WHERE r.kind = \(kind)
                           AND r.state = 'running' AND r.owner_id = j.owner_id) < \(perUser))
                    ORDER BY j.run_at, j.id LIMIT 1 FOR UPDATE SKIP LOCKED
                )
                \(unsafeSQL: JobQueue.claimCTEs)
                \(unsafeSQL: JobQueue.claimAnswer)
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

    /// The final `SELECT` of a claim: the `claimed` row, or (a `LEFT JOIN` finding none) `next_due_in`, when the
    /// kind's earliest queued job not yet due falls due. The kind comes from `params` (an InitPlan value, so the
    /// probe still runs on the partial index `jobs_claimable (kind, run_at, id)`).
    static let claimAnswer = """
        SELECT claimed.*, (SELECT extract(epoch FROM n.run_at - now())::float8 FROM jobs n
            WHERE n.state = 'queued' AND n.kind = (SELECT kind FROM params) AND n.run_at > now() AND n.paused_at IS NULL
            ORDER BY n.run_at, n.id LIMIT 1) AS next_due_in
        FROM (SELECT 1) AS one LEFT JOIN claimed ON true
        """

    /// The claimed job (the `claimed` CTE's row), or the next due time when the `LEFT JOIN` found none.
    private func decodeClaim(_ rows: PostgresRows) throws(PostgresError) -> ClaimOutcome {
        guard let row = rows.first else { return ClaimOutcome() }
        if try row.decodeIfPresent("id", as: Int64.self) != nil { return ClaimOutcome(job: try Job(row: row)) }
        return ClaimOutcome(secondsUntilNextDue: try row.decodeIfPresent("next_due_in", as: Double.self))
    }
}
