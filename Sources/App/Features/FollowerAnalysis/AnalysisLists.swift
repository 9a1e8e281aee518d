import Foundation
import Postgres

/// The lists of a snapshot, computed in SQL: followers, following, unfollowers (following minus
/// followers), fans (followers minus following), mutual (both); paged by username.
struct AnalysisLists {
    let db: PostgresConnection

    enum Name: String, CaseIterable, Sendable {
        case followers, following, unfollowers, fans, mutual
    }

    func counts(snapshotID: Int64) throws(PostgresError) -> AnalysisCounts {
        let row = try db.query("""
            SELECT \(unsafeSQL: AnalysisCounts.columns)
            FROM (\(unsafeSQL: AnalysisCounts.people)\(snapshotID) GROUP BY pk) AS people
            """).first
        return try AnalysisCounts(row: row, snapshotID: snapshotID)
    }

    /// Whether `username` is one of the snapshot's users (a cursor the results handed out).
    func contains(username: String, snapshotID: Int64) throws(PostgresError) -> Bool {
        try db.query("""
            SELECT 1 AS found FROM analysis_snapshot_users WHERE snapshot_id = \(snapshotID) AND username = \(username) LIMIT 1
            """).first != nil
    }

    /// Up to `limit` users of a list with usernames after `cursor`, in username order.
    func page(_ name: Name, snapshotID: Int64, after cursor: String?, limit: Int) throws(PostgresError) -> [StoredUser] {
        try db.query("""
            SELECT pk, username, full_name, is_private, is_verified FROM analysis_snapshot_users u
            WHERE u.snapshot_id = \(snapshotID) AND u.list = \(name.baseList)
              AND (\(name.rawValue) IN ('followers', 'following')
                   OR (\(name.rawValue) = 'mutual') = EXISTS (SELECT 1 FROM analysis_snapshot_users o
                        WHERE o.snapshot_id = u.snapshot_id AND o.list = \(name.otherList) AND o.pk = u.pk))
              AND u.username > \(cursor ?? "")
            ORDER BY u.username LIMIT \(limit)
            """, as: StoredUser.self)
    }
}

extension AnalysisLists {
    /// Every username of a list, in username order (the earlier service's `result.unfollowers`).
    func usernames(_ name: Name, snapshotID: Int64) throws(PostgresError) -> [String] {
        try db.query("""
            SELECT username FROM analysis_snapshot_users u
            WHERE u.snapshot_id = \(snapshotID) AND u.list = \(name.baseList)
              AND (\(name.rawValue) IN ('followers', 'following')
                   OR (\(name.rawValue) = 'mutual') = EXISTS (SELECT 1 FROM analysis_snapshot_users o
                        WHERE o.snapshot_id = u.snapshot_id AND o.list = \(name.otherList) AND o.pk = u.pk))
            ORDER BY u.username
            """).map { row throws(PostgresError) in try row.decode("username", as: String.self) }
    }
}

extension AnalysisLists.Name {
    /// The stored list the users come from.
    var baseList: String {
        switch self {
        case .followers, .fans, .mutual: return "followers"
        case .following, .unfollowers: return "following"
        }
    }

    /// The list an unfollower/fan must be missing from (and a mutual present in).
    var otherList: String { baseList == "followers" ? "following" : "followers" }
}

extension StoredUser: PostgresRecord {
    /// Reads `pk, username, full_name, is_private, is_verified`.
    init(row: PostgresRow) throws(PostgresError) {
        pk = try row.decode("pk")
        username = try row.decode("username")
        full_name = try row.decode("full_name")
        is_private = try row.decode("is_private")
        is_verified = try row.decode("is_verified")
    }
}
