import Foundation
import Postgres

/// One row of the `jobs` table. JSON columns are kept as JSON text; handlers decode what they need.
public struct Job: Sendable, Equatable, PostgresRecord {
    public var id: Int64
    public var kind: String
    /// The API user the job belongs to; nil for system (maintenance) jobs.
    public var ownerID: Int64?
    /// The id clients see, when the kind has one.
    public var publicID: String?
    public var uniqueKey: String?
    /// Arguments as JSON text.
    public var args: String
    public var state: JobState
    /// Attempts started so far (including the running one).
    public var attempts: Int
    public var maxAttempts: Int
    public var runAt: Date
    public var leaseOwner: String?
    public var cancelRequested: Bool
    /// When `POST …/pause` reached the job; nil when it is not paused (a running job stops at its next checkpoint).
    public var pausedAt: Date?
    /// Where a resumed attempt continues, as JSON text.
    public var checkpoint: String?
    /// Progress as JSON text (`{}` before any).
    public var progress: String
    public var result: String?
    public var lastErrorCode: String?
    public var lastError: String?
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?

    /// The columns `init(row:)` reads.
    public static let columns = """
        id, kind, owner_id, public_id, unique_key, args::text AS args, state, attempts, max_attempts, run_at, \
        lease_owner, cancel_requested, paused_at, checkpoint::text AS checkpoint, progress::text AS progress, \
        result::text AS result, last_error_code, last_error, created_at, started_at, finished_at
        """

    public init(row: PostgresRow) throws(PostgresError) {
        id = try row.decode("id")
        kind = try row.decode("kind")
        ownerID = try row.decodeIfPresent("owner_id")
        publicID = try row.decodeIfPresent("public_id")
        uniqueKey = try row.decodeIfPresent("unique_key")
        args = try row.decode("args")
        guard let parsed = JobState(rawValue: try row.decode("state", as: String.self)) else {
            throw PostgresError(.invalidTextRepresentation, "unknown job state")
        }
        state = parsed
        attempts = try row.decode("attempts")
        maxAttempts = try row.decode("max_attempts")
        runAt = try row.decode("run_at")
        leaseOwner = try row.decodeIfPresent("lease_owner")
        cancelRequested = try row.decode("cancel_requested")
        pausedAt = try row.decodeIfPresent("paused_at")
        checkpoint = try row.decodeIfPresent("checkpoint")
        progress = try row.decode("progress")
        result = try row.decodeIfPresent("result")
        lastErrorCode = try row.decodeIfPresent("last_error_code")
        lastError = try row.decodeIfPresent("last_error")
        createdAt = try row.decode("created_at")
        startedAt = try row.decodeIfPresent("started_at")
        finishedAt = try row.decodeIfPresent("finished_at")
    }
}

/// What to enqueue.
public struct JobRequest: Sendable {
    public var kind: String
    public var ownerID: Int64?
    public var publicID: String?
    /// At most one queued or running job per key (recurring jobs, one analysis per cookie pair).
    public var uniqueKey: String?
    /// JSON text.
    public var args: String
    public var maxAttempts: Int
    /// Not before this time (nil: now).
    public var runAt: Date?

    public init(kind: String, ownerID: Int64? = nil, publicID: String? = nil, uniqueKey: String? = nil,
                args: String = "{}", maxAttempts: Int = 5, runAt: Date? = nil) {
        self.kind = kind
        self.ownerID = ownerID
        self.publicID = publicID
        self.uniqueKey = uniqueKey
        self.args = args
        self.maxAttempts = maxAttempts
        self.runAt = runAt
    }
}
