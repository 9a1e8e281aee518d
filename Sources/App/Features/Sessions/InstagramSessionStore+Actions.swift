import Foundation
import Instagram
import Postgres

extension InstagramSessionStore {
    /// A saved session as an action uses it: whose it is on Instagram, whether Instagram refused it before.
    struct ActingSession {
        var username: String
        var instagramUserID: String
        /// `valid`, `invalid` (logged out) or `challenge`.
        var state: String
        var session: InstagramSession
    }

    /// This API user's unexpired session named `username` (nil: none, or another user's), marked used: its
    /// expiry moves a lifetime ahead.
    func acting(userID: Int64, username: String) throws -> ActingSession? {
        let rows = try db.query("""
            UPDATE instagram_sessions SET last_used_at = now(), expires_at = now() + make_interval(secs => lifetime_seconds)
            WHERE user_id = \(userID) AND lower(username) = lower(\(username)) AND expires_at > now()
            RETURNING username, instagram_user_id, state, sealed, user_agent
            """)
        guard let row = rows.first else { return nil }
        return try acting(from: row, userID: userID)
    }

    /// The acting session of a row holding `username`, `instagram_user_id`, `state`, `sealed` and `user_agent`
    /// (the session opened with `userID`'s key).
    func acting(from row: PostgresRow, userID: Int64) throws -> ActingSession {
        ActingSession(username: try row.decode("username"), instagramUserID: try row.decode("instagram_user_id"),
                      state: try row.decode("state"), session: try session(from: row, userID: userID))
    }

    /// This API user's unexpired session named `username` without using it: its owner's Instagram id.
    func instagramUserID(userID: Int64, username: String) throws(PostgresError) -> (username: String, id: String)? {
        guard let row = try db.query("""
            SELECT username, instagram_user_id FROM instagram_sessions
            WHERE user_id = \(userID) AND lower(username) = lower(\(username)) AND expires_at > now()
            """).first else { return nil }
        return (try row.decode("username"), try row.decode("instagram_user_id"))
    }

    /// Marks how Instagram refused the session (`invalid`, `challenge`): it is not sent again until saved anew.
    func mark(userID: Int64, username: String, state: String) throws(PostgresError) {
        try db.run("""
            UPDATE instagram_sessions SET state = \(state), updated_at = now()
            WHERE user_id = \(userID) AND lower(username) = lower(\(username))
            """)
    }

    /// Removes every expired session; how many.
    static func deleteExpired(db: PostgresConnection) throws(PostgresError) -> Int {
        try db.query("DELETE FROM instagram_sessions WHERE expires_at <= now()").affectedRows
    }
}
