import Foundation
import Instagram
import Jobs
import Postgres

/// The follower analysis' rows: sealed sessions and snapshots (filled page by page). Set arithmetic runs in SQL.
struct AnalysisStore {
    let db: PostgresConnection

    func saveSecret(jobID: Int64, sealed: [UInt8]) throws(PostgresError) {
        try db.query("""
            INSERT INTO analysis_secrets (job_id, sealed) VALUES (\(jobID), \(PostgresBytes(sealed)))
            ON CONFLICT (job_id) DO UPDATE SET sealed = excluded.sealed
            """)
    }

    func secret(jobID: Int64) throws(PostgresError) -> [UInt8]? {
        try db.query("SELECT sealed FROM analysis_secrets WHERE job_id = \(jobID)").first?
            .decode("sealed", as: PostgresBytes.self).bytes
    }

    /// Deletes the sealed session, and the snapshot of a job that did not complete (its pages so far).
    func forget(jobID: Int64) throws(PostgresError) {
        try db.query("DELETE FROM analysis_secrets WHERE job_id = \(jobID)")
        try db.query("DELETE FROM analysis_snapshots WHERE job_id = \(jobID) AND completed_at IS NULL")
    }

    /// The snapshot an analysis fills as it goes; it counts only once `completeSnapshot` ran.
    func createSnapshot(job: Job, accountPK: String, username: String) throws(PostgresError) -> Int64 {
        try db.query("""
            INSERT INTO analysis_snapshots (owner_id, job_id, public_id, account_pk, username, followers_count, following_count)
            VALUES (\(job.ownerID ?? 0), \(job.id), \(job.publicID ?? ""), \(accountPK), \(username), 0, 0)
            RETURNING id
            """).first?.decode("id", as: Int64.self) ?? 0
    }

    /// One round trip per page: PostgreSQL parses the answer's JSON (`body`, one parameter), its users go
    /// straight into the snapshot (a page stored again by a resumed attempt changes nothing), and the job's
    /// checkpoint, progress and lease are saved in the same statement. A user without `pk` or `username`
    /// fails the statement (nothing stored).
    func storePage(_ body: String, snapshotID: Int64, list: FriendshipList, job: Job, context: JobContext,
                   checkpoint: String, progress: String) throws(PostgresError) -> LeaseStatus {
        let rows = try db.query("""
            WITH users AS (
                SELECT u.pk, u.username, u.full_name, u.is_private, u.is_verified
                FROM jsonb_to_recordset((\(body)::jsonb) -> 'users')
                     AS u(pk text, username text, full_name text, is_private boolean, is_verified boolean)
            ), stored AS (
                INSERT INTO analysis_snapshot_users (snapshot_id, list, pk, username, full_name, is_private, is_verified)
                SELECT \(snapshotID), \(list.rawValue), pk, username, coalesce(full_name, ''), coalesce(is_private, false),
                       coalesce(is_verified, false)
                FROM users
                ON CONFLICT (snapshot_id, list, pk) DO NOTHING
            ), saved AS (
                UPDATE jobs SET checkpoint = \(checkpoint)::jsonb, progress = \(progress)::jsonb,
                    lease_expires_at = now() + make_interval(secs => \(context.leaseSeconds)), updated_at = now()
                WHERE id = \(job.id) AND lease_owner = \(context.leaseOwner) AND state = 'running'
                RETURNING cancel_requested
            )
            SELECT cancel_requested FROM saved
            """)
        guard let row = rows.first else { return .lost }
        return try row.decode("cancel_requested", as: Bool.self) ? .cancelRequested : .held
    }

    /// Marks the snapshot completed and returns its five list sizes, computed in one statement.
    func completeSnapshot(_ snapshotID: Int64) throws(PostgresError) -> AnalysisCounts {
        let row = try db.query("""
            WITH people AS (\(unsafeSQL: AnalysisCounts.people)\(snapshotID) GROUP BY pk),
                 counts AS (SELECT \(unsafeSQL: AnalysisCounts.columns) FROM people)
            UPDATE analysis_snapshots s SET completed_at = now(), taken_at = now(),
                followers_count = counts.followers, following_count = counts.following
            FROM counts WHERE s.id = \(snapshotID)
            RETURNING counts.*
            """).first
        return try AnalysisCounts(row: row, snapshotID: snapshotID)
    }

    /// The completed snapshots of `username` taken for `ownerID`, newest first.
    func completedSnapshots(ownerID: Int64, username: String) throws(PostgresError) -> [SnapshotSummary] {
        try db.query("""
            SELECT id, taken_at, followers_count, following_count FROM analysis_snapshots
            WHERE owner_id = \(ownerID) AND username = \(username) AND completed_at IS NOT NULL
            ORDER BY taken_at DESC, id DESC
            """, as: SnapshotSummary.self)
    }

    /// Usernames in `list` of snapshot `snapshotID` that are not in that list of snapshot `other` (at most 10,000).
    func usernames(in list: FriendshipList, of snapshotID: Int64, notIn other: Int64) throws(PostgresError) -> [String] {
        try db.query("""
            SELECT username FROM analysis_snapshot_users n WHERE n.snapshot_id = \(snapshotID) AND n.list = \(list.rawValue)
              AND NOT EXISTS (SELECT 1 FROM analysis_snapshot_users o
                              WHERE o.snapshot_id = \(other) AND o.list = \(list.rawValue) AND o.pk = n.pk)
            ORDER BY username LIMIT 10000
            """).map { row throws(PostgresError) in try row.decode("username", as: String.self) }
    }
}

/// A completed snapshot as `GET /api/analyses/{username}/changes` shows it.
struct SnapshotSummary: PostgresRecord, Encodable {
    var snapshotID: Int64
    var takenAt: Date
    var followers: Int
    var following: Int
    enum CodingKeys: String, CodingKey { case followers, following, snapshotID = "snapshot_id", takenAt = "taken_at" }

    init(row: PostgresRow) throws(PostgresError) {
        snapshotID = try row.decode("id")
        takenAt = try row.decode("taken_at")
        followers = try row.decode("followers_count")
        following = try row.decode("following_count")
    }
}

/// A user row as `jsonb_to_recordset` reads it.
struct StoredUser: Codable, Sendable, Equatable {
    var pk: String
    var username: String
    var full_name: String
    var is_private: Bool
    var is_verified: Bool

    init(_ user: InstagramUser) {
        pk = user.pk
        username = user.username
        full_name = user.fullName
        is_private = user.isPrivate
        is_verified = user.isVerified
    }
}

/// The five list sizes of an analysis.
public struct AnalysisCounts: Codable, Sendable, Equatable {
    public var snapshotID: Int64?
    public var followers: Int
    public var following: Int
    public var unfollowers: Int
    public var fans: Int
    public var mutual: Int

    enum CodingKeys: String, CodingKey {
        case snapshotID = "snapshot_id", followers, following, unfollowers, fans, mutual
    }

    /// One row per user of a snapshot (`f1`: follows the account, `f2`: followed by it); the snapshot id and
    /// `GROUP BY pk` follow.
    static let people = "SELECT pk, bool_or(list = 'followers') AS f1, bool_or(list = 'following') AS f2 FROM analysis_snapshot_users WHERE snapshot_id = "
    /// The five sizes over `people`.
    static let columns = """
        count(*) FILTER (WHERE f1) AS followers, count(*) FILTER (WHERE f2) AS following,
        count(*) FILTER (WHERE f2 AND NOT f1) AS unfollowers, count(*) FILTER (WHERE f1 AND NOT f2) AS fans,
        count(*) FILTER (WHERE f1 AND f2) AS mutual
        """

}

extension AnalysisCounts {
    /// The sizes a statement selected with `columns` (zeros without a row).
    init(row: PostgresRow?, snapshotID: Int64) throws(PostgresError) {
        func value(_ name: String) throws(PostgresError) -> Int { try row?.decode(name, as: Int.self) ?? 0 }
        self.init(snapshotID: snapshotID, followers: try value("followers"), following: try value("following"),
                  unfollowers: try value("unfollowers"), fans: try value("fans"), mutual: try value("mutual"))
    }
}
