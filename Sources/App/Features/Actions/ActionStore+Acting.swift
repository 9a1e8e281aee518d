import Foundation
import Instagram
import Postgres

extension ActionStore {
    /// A session about to act, and where its account stands for one family of actions.
    struct Standing {
        var acting: InstagramSessionStore.ActingSession
        /// Until when Instagram's block of the family holds (nil: none).
        var blockedUntil: Date?
        /// The account's own daily limit for the family (nil: the operator's).
        var ownLimit: Int?
    }

    /// The API user's unexpired session named `username` with its account's block of `family` in force and its own
    /// daily limit, in one round trip, taking nothing (the bulk job takes its unit later, after asking Instagram
    /// whether the action is in place). The session is marked used as `instagram_action_begin` marks it: its expiry
    /// moves a lifetime ahead, written once a thousandth of its lifetime passed since the last write. Nil: no such
    /// session (removed, expired, another user's).
    func acting(userID: Int64, username: String, family: InstagramAction,
                sessions: InstagramSessionStore) throws -> Standing? {
        let rows = try db.query("""
            WITH s AS (
                SELECT id, username, instagram_user_id, state, sealed, user_agent, last_used_at, lifetime_seconds
                FROM instagram_sessions
                WHERE user_id = \(userID) AND lower(username) = lower(\(username)) AND expires_at > now()
                ORDER BY updated_at DESC, id DESC LIMIT 1),
            touched AS (
                UPDATE instagram_sessions t SET last_used_at = now(), expires_at = now() + make_interval(secs => t.lifetime_seconds)
                FROM s WHERE t.id = s.id
                  AND (s.last_used_at IS NULL OR s.last_used_at < now() - make_interval(secs => s.lifetime_seconds / 1000.0))
                RETURNING t.id)
            SELECT s.username, s.instagram_user_id, s.state, s.sealed, s.user_agent,
                   (SELECT b.blocked_until FROM instagram_action_blocks b
                    WHERE b.instagram_user_id = s.instagram_user_id AND b.action = \(family.rawValue) AND b.blocked_until > now()) AS blocked_until,
                   (SELECT l.daily_limit FROM instagram_action_limits l
                    WHERE l.instagram_user_id = s.instagram_user_id AND l.action = \(family.rawValue)) AS own_limit,
                   (SELECT count(*) FROM touched) AS touched
            FROM s
            """)
        guard let row = rows.first else { return nil }
        return Standing(acting: try sessions.acting(from: row, userID: userID), blockedUntil: try row.decodeIfPresent("blocked_until"), ownLimit: try row.decodeIfPresent("own_limit"))
    }
}
