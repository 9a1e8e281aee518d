import Foundation
import Instagram
import Jobs
import Postgres

/// The Instagram sessions of API users (`instagram_sessions`), cookies sealed with `SecretBox`. A session lives
/// `lifetime_seconds` (INSTAGATE_SESSION_EXPIRY_HOURS) after it was saved or last used; an expired one is
/// neither listed nor used, and the recurring `SessionCleanupJob` removes it.
struct InstagramSessionStore {
    let db: PostgresConnection
    let box: SecretBox

    /// A saved session as listed: never its cookies (the columns of `InstagramSessionStore.listingColumns`).
    struct Listing: Sendable, Encodable, PostgresRecord {
        var username: String
        var instagramUserID: String
        var fullName: String
        var createdAt: Date
        var updatedAt: Date
        var lastUsedAt: Date?
        var expiresAt: Date
        var userAgent: String?
        /// `valid`, or how Instagram refused it during an action: `invalid` (logged out), `challenge`.
        var state: String

        enum CodingKeys: String, CodingKey {
            case username
            case instagramUserID = "instagram_user_id"
            case fullName = "full_name"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
            case lastUsedAt = "last_used_at"
            case expiresAt = "expires_at"
            case userAgent = "user_agent"
            case state
        }

        init(row: PostgresRow) throws(PostgresError) {
            username = try row.decode("username")
            instagramUserID = try row.decode("instagram_user_id")
            fullName = try row.decode("full_name")
            createdAt = try row.decode("created_at")
            updatedAt = try row.decode("updated_at")
            lastUsedAt = try row.decodeIfPresent("last_used_at")
            expiresAt = try row.decode("expires_at")
            userAgent = try row.decodeIfPresent("user_agent")
            state = try row.decode("state")
        }
    }

    /// The columns `Listing` reads.
    static let listingColumns = "username, instagram_user_id, full_name, created_at, updated_at, last_used_at, expires_at, user_agent, state"

    /// The cookies, as sealed in the row.
    struct Cookies: Codable {
        var sessionID: String
        var csrfToken: String
        var dsUserID: String
        enum CodingKeys: String, CodingKey {
            case sessionID = "session_id", csrfToken = "csrf_token", dsUserID = "ds_user_id"
        }
    }

    static func context(userID: Int64) -> String { "instagram_session/\(userID)" }

    /// Saves (or replaces) the session of `user.username` for an API user, living `lifetime` seconds from now.
    func save(userID: Int64, user: InstagramUser, session: InstagramSession, lifetime: Int) throws -> Listing {
        let cookies = Cookies(sessionID: session.sessionID, csrfToken: session.csrfToken, dsUserID: session.dsUserID)
        let sealed = box.seal(Array(try JSONEncoder().encode(cookies)), context: Self.context(userID: userID))
        return try db.queryExactlyOne("""
            INSERT INTO instagram_sessions (user_id, username, instagram_user_id, full_name, sealed, user_agent,
                                            lifetime_seconds, expires_at)
            VALUES (\(userID), \(user.username), \(user.pk), \(user.fullName), \(PostgresBytes(sealed)), \(session.userAgent.bound),
                    \(lifetime), now() + make_interval(secs => \(lifetime)))
            ON CONFLICT (user_id, username) DO UPDATE SET instagram_user_id = EXCLUDED.instagram_user_id,
                full_name = EXCLUDED.full_name, sealed = EXCLUDED.sealed, user_agent = EXCLUDED.user_agent,
                lifetime_seconds = EXCLUDED.lifetime_seconds, expires_at = EXCLUDED.expires_at, state = 'valid',
                updated_at = now()
            RETURNING \(unsafeSQL: Self.listingColumns)
            """, as: Listing.self)
    }

    /// This API user's sessions, most recently saved first.
    func list(userID: Int64) throws -> [Listing] {
        try db.query("""
            SELECT \(unsafeSQL: Self.listingColumns) FROM instagram_sessions
            WHERE user_id = \(userID) AND expires_at > now() ORDER BY updated_at DESC, id DESC
            """, as: Listing.self)
    }

    /// Removes one; false when there was none.
    func delete(userID: Int64, username: String) throws -> Bool {
        try db.query("DELETE FROM instagram_sessions WHERE user_id = \(userID) AND lower(username) = lower(\(username))")
            .affectedRows > 0
    }

    /// The API user who saved a session for `username` most recently (any user's: for `instagate download`,
    /// which runs as the operator); nil when nobody has.
    func newestOwner(of username: String) throws(PostgresError) -> Int64? {
        try db.query("""
            SELECT user_id FROM instagram_sessions WHERE lower(username) = lower(\(username)) AND expires_at > now() ORDER BY updated_at DESC LIMIT 1
            """).first?.decode("user_id")
    }

    /// The session named `username`, or the most recently saved one when nil; nil when there is none (or it
    /// expired). Using it moves its expiry a lifetime ahead.
    func load(userID: Int64, username: String?) throws -> (username: String, session: InstagramSession)? {
        let rows = try db.query("""
            UPDATE instagram_sessions SET last_used_at = now(), expires_at = now() + make_interval(secs => lifetime_seconds)
            WHERE id = (
                SELECT id FROM instagram_sessions WHERE user_id = \(userID) AND expires_at > now()
                AND (\(username == nil) OR lower(username) = lower(\(username ?? "")))
                ORDER BY updated_at DESC, id DESC LIMIT 1)
            RETURNING username, sealed, user_agent
            """)
        guard let row = rows.first else { return nil }
        return (try row.decode("username"), try session(from: row, userID: userID))
    }

    /// The session a row's `sealed` and `user_agent` hold.
    func session(from row: PostgresRow, userID: Int64) throws -> InstagramSession {
        let sealed: PostgresBytes = try row.decode("sealed")
        let plain = try box.open(sealed.bytes, context: Self.context(userID: userID))
        let cookies = try JSONDecoder().decode(Cookies.self, from: Data(plain))
        return InstagramSession(sessionID: cookies.sessionID, csrfToken: cookies.csrfToken, dsUserID: cookies.dsUserID,
                                userAgent: try row.decodeIfPresent("user_agent"))
    }
}
