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
            SELECT count(*) FILTER (WHERE f1) AS followers, count(*) FILTER (WHERE f2) AS following,
                   count(*) FILTER (WHERE f2 AND NOT f1) AS unfollowers, count(*) FILTER (WHERE f1 AND NOT f2) AS fans,
                   count(*) FILTER (WHERE f1 AND f2) AS mutual
            FROM (SELECT pk, bool_or(list = 'followers') AS f1, bool_or(list = 'following') AS f2
                  FROM analysis_snapshot_users WHERE snapshot_id = \(snapshotID) GROUP BY pk) AS people
            """).first
        func value(_ name: String) throws(PostgresError) -> Int { try row?.decode(name, as: Int.self) ?? 0 }
        return AnalysisCounts(snapshotID: snapshotID, followers: try value("followers"), following: try value("following"),
                              unfollowers: try value("unfollowers"), fans: try value("fans"), mutual: try value("mutual"))
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
