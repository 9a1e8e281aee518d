import Foundation
import Postgres

/// The job queue's operations over one PostgreSQL connection (the caller's thread owns it).
/// Every state change writes an event, and enqueueing notifies `JobQueue.channel` to wake idle workers.
public struct JobQueue {
    /// The `LISTEN/NOTIFY` channel enqueues are announced on (payload: the kind).
    public static let channel = "instagate_jobs"

    public let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Adds a job. With a `uniqueKey` held by a live job, nothing is added and that job is returned
    /// with `created: false`.
    public func enqueue(_ request: JobRequest) throws(PostgresError) -> (job: Job, created: Bool) {
        let rows = try connection.query("""
            WITH inserted AS (
                INSERT INTO jobs (kind, owner_id, public_id, unique_key, args, max_attempts, run_at)
                VALUES (\(request.kind), \(request.ownerID.bound), \(request.publicID.bound), \(request.uniqueKey.bound),
                        \(request.args)::jsonb, \(request.maxAttempts), coalesce(\(request.runAt.bound)::timestamptz, now()))
                ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state IN ('queued', 'running') DO NOTHING
                RETURNING id, kind
            ), event AS (
                INSERT INTO job_events (job_id, event, message) SELECT id, 'enqueued', '' FROM inserted
            )
            SELECT id, pg_notify('\(unsafeSQL: JobQueue.channel)', kind) IS NULL AS notified FROM inserted
            """)
        if let id = try rows.first?.decode("id", as: Int64.self), let job = try find(id: id) {
            return (job, true)
        }
        guard let key = request.uniqueKey, let live = try findLive(uniqueKey: key) else {
            // The live holder finished between the two statements: try once more.
            return try enqueue(request)
        }
        return (live, false)
    }

    /// Adds `count` jobs of one kind with the same arguments in one statement (benchmarks, fan-out).
    @discardableResult
    public func enqueueMany(kind: String, count: Int, args: String = "{}", maxAttempts: Int = 5) throws(PostgresError) -> Int {
        let rows = try connection.query("""
            WITH inserted AS (
                INSERT INTO jobs (kind, args, max_attempts)
                SELECT \(kind), \(args)::jsonb, \(maxAttempts) FROM generate_series(1, \(count))
                RETURNING id
            )
            SELECT count(*) AS n, pg_notify('\(unsafeSQL: JobQueue.channel)', \(kind)) IS NULL AS notified FROM inserted
            """)
        return try rows.first?.decode("n", as: Int.self) ?? 0
    }

    /// One job by id.
    public func find(id: Int64) throws(PostgresError) -> Job? {
        try connection.queryOne("SELECT \(unsafeSQL: Job.columns) FROM jobs WHERE id = \(id)", as: Job.self)
    }

    /// The live job holding a unique key.
    public func findLive(uniqueKey: String) throws(PostgresError) -> Job? {
        try connection.queryOne("""
            SELECT \(unsafeSQL: Job.columns) FROM jobs
            WHERE unique_key = \(uniqueKey) AND state IN ('queued', 'running')
            """, as: Job.self)
    }

    /// Appends to a job's event log.
    public func record(jobID: Int64, event: String, message: String = "", data: String? = nil) throws(PostgresError) {
        try connection.query("""
            INSERT INTO job_events (job_id, event, message, data) VALUES (\(jobID), \(event), \(message), \(data.bound)::jsonb)
            """)
    }

    /// Runs a handler's statement and adds an event to the job's log in the same round trip (both or neither).
    public func record(_ statement: PostgresQuery, jobID: Int64, event: String, message: String = "") throws(PostgresError) {
        try connection.query("""
            WITH \(leading: statement)event AS (
                INSERT INTO job_events (job_id, event, message) VALUES (\(jobID), \(event), \(message))
            )
            SELECT 1 AS recorded
            """)
    }

    /// 1-based position among queued jobs of its kind (nil when not queued).
    public func queuePosition(of job: Job) throws(PostgresError) -> Int? {
        guard job.state == .queued else { return nil }
        let rows = try connection.query("""
            SELECT count(*) + 1 AS position FROM jobs
            WHERE kind = \(job.kind) AND state = 'queued'
              AND (run_at, id) < (SELECT run_at, id FROM jobs WHERE id = \(job.id))
            """)
        return try rows.first?.decode("position", as: Int.self)
    }

    /// How many jobs of a kind are completed.
    public func completedCount(kind: String) throws(PostgresError) -> Int {
        try connection.query("SELECT count(*) AS n FROM jobs WHERE kind = \(kind) AND state = 'completed'")
            .exactlyOne().decode("n", as: Int.self)
    }

    /// Running and queued counts of one kind.
    public func counts(kind: String) throws(PostgresError) -> (running: Int, queued: Int) {
        let row = try connection.query("""
            SELECT count(*) FILTER (WHERE state = 'running') AS running,
                   count(*) FILTER (WHERE state = 'queued') AS queued
            FROM jobs WHERE kind = \(kind) AND state IN ('queued', 'running')
            """).first
        return (try row?.decode("running", as: Int.self) ?? 0, try row?.decode("queued", as: Int.self) ?? 0)
    }
}
