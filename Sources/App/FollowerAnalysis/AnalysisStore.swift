import Foundation
import Instagram
import Jobs
import Postgres

/// The follower analysis' rows: sealed sessions, fetched pages, snapshots. Set arithmetic runs in SQL.
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

    /// Deletes the sealed session, and the fetched pages unless the job completed (they became a snapshot).
    func forget(jobID: Int64) throws(PostgresError) {
        try db.query("DELETE FROM analysis_secrets WHERE job_id = \(jobID)")
        try db.query("DELETE FROM analysis_users WHERE job_id = \(jobID)")
    }

    /// Stores one page as it arrives; storing it again (a resumed attempt) changes nothing.
    func storePage(jobID: Int64, list: FriendshipList, users: [InstagramUser], offset: Int) throws(PostgresError) {
        let rows = users.enumerated().map { PageRow(user: StoredUser($0.element), position: offset + $0.offset) }
        try db.query("""
            INSERT INTO analysis_users (job_id, list, pk, username, full_name, is_private, is_verified, position)
            SELECT \(jobID), \(list.rawValue), u.pk, u.username, coalesce(u.full_name, ''), coalesce(u.is_private, false),
                   coalesce(u.is_verified, false), u.position
            FROM jsonb_to_recordset(\(JobJSON.encode(rows))::jsonb)
                 AS u(pk text, username text, full_name text, is_private boolean, is_verified boolean, position integer)
            ON CONFLICT (job_id, list, pk) DO NOTHING
            """)
    }

    /// Copies the fetched rows into a snapshot (in one transaction) and returns the counts.
    func makeSnapshot(job: Job, checkpoint: AnalysisCheckpoint) throws -> AnalysisCounts {
        try db.transaction { () throws -> AnalysisCounts in
            let snapshot = try db.query("""
                INSERT INTO analysis_snapshots (owner_id, job_id, public_id, account_pk, username, followers_count, following_count)
                SELECT \(job.ownerID ?? 0), \(job.id), \(job.publicID ?? ""), \(checkpoint.accountPK), \(checkpoint.username),
                       count(*) FILTER (WHERE list = 'followers'), count(*) FILTER (WHERE list = 'following')
                FROM analysis_users WHERE job_id = \(job.id)
                RETURNING id
                """).first?.decode("id", as: Int64.self) ?? 0
            try db.query("""
                INSERT INTO analysis_snapshot_users (snapshot_id, list, pk, username, full_name, is_private, is_verified)
                SELECT \(snapshot), list, pk, username, full_name, is_private, is_verified FROM analysis_users WHERE job_id = \(job.id)
                """)
            // The fetched rows are deleted by `forget` once the job is marked completed (off the job's wall time).
            var counts = try AnalysisLists(db: db).counts(snapshotID: snapshot)
            counts.snapshotID = snapshot
            return counts
        }
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

/// A stored user and its place in the list, as one element of the page's JSON.
struct PageRow: Encodable {
    var user: StoredUser
    var position: Int

    func encode(to encoder: any Encoder) throws {
        try user.encode(to: encoder)
        enum Keys: String, CodingKey { case position }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(position, forKey: .position)
    }
}

/// The five list sizes of an analysis.
struct AnalysisCounts: Codable, Sendable, Equatable {
    var snapshotID: Int64?
    var followers: Int
    var following: Int
    var unfollowers: Int
    var fans: Int
    var mutual: Int

    enum CodingKeys: String, CodingKey {
        case snapshotID = "snapshot_id", followers, following, unfollowers, fans, mutual
    }
}
