import Foundation
import Jobs
import Postgres

extension ActionStore {
    /// One audit row as `GET /api/instagram/actions` lists it.
    struct LoggedAction: Encodable, PostgresRecord {
        var id: Int64
        var username: String
        var instagramUserID: String
        var action: String
        var target: String
        var outcome: String
        var errorCode: String?
        var instagramCode: String?
        var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id, username, action, target, outcome
            case instagramUserID = "instagram_user_id", errorCode = "error_code", instagramCode = "instagram_code"
            case createdAt = "created_at"
        }

        init(row: PostgresRow) throws(PostgresError) {
            id = try row.decode("id")
            username = try row.decode("username")
            instagramUserID = try row.decode("instagram_user_id")
            action = try row.decode("action")
            target = try row.decode("target")
            outcome = try row.decode("outcome")
            errorCode = try row.decodeIfPresent("error_code")
            instagramCode = try row.decodeIfPresent("instagram_code")
            createdAt = try row.decode("created_at")
        }
    }

    /// This API user's actions, newest first, optionally of one account and within `[from, to)`.
    func list(userID: Int64, username: String?, from: Date?, to: Date?, limit: Int) throws(PostgresError) -> [LoggedAction] {
        try db.query("""
            SELECT id, username, instagram_user_id, action, target, outcome, error_code, instagram_code, created_at
            FROM instagram_actions
            WHERE user_id = \(userID) AND (\(username == nil) OR lower(username) = lower(\(username ?? "")))
              AND created_at >= coalesce(\(from.bound)::timestamptz, '-infinity') AND created_at < coalesce(\(to.bound)::timestamptz, 'infinity')
            ORDER BY created_at DESC, id DESC LIMIT \(limit)
            """, as: LoggedAction.self)
    }
}
