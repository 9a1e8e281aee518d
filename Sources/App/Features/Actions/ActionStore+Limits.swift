import Foundation
import Instagram
import Postgres

extension ActionStore {
    /// The account's own daily limit for `family`, nil when the global one holds.
    func ownLimit(instagramUserID: String, family: InstagramAction) throws(PostgresError) -> Int? {
        try db.query("""
            SELECT daily_limit FROM instagram_action_limits WHERE instagram_user_id = \(instagramUserID) AND action = \(family.rawValue)
            """).first?.decode("daily_limit")
    }

    /// Sets (or with nil removes) the account's own daily limit for `family`.
    func setOwnLimit(instagramUserID: String, family: InstagramAction, limit: Int?) throws(PostgresError) {
        if let limit {
            try db.run("""
                INSERT INTO instagram_action_limits (instagram_user_id, action, daily_limit)
                VALUES (\(instagramUserID), \(family.rawValue), \(limit))
                ON CONFLICT (instagram_user_id, action) DO UPDATE SET daily_limit = EXCLUDED.daily_limit
                """)
        } else {
            try db.run("DELETE FROM instagram_action_limits WHERE instagram_user_id = \(instagramUserID) AND action = \(family.rawValue)")
        }
    }
}

extension ActionStore {
    /// Where an account stands against one family's daily limit, as read by `limits(userID:username:seconds:)`.
    struct LimitStanding {
        /// Until when Instagram's block of the family holds (nil: none).
        var blockedUntil: Date?
        /// The account's own daily limit (nil: the operator's).
        var ownLimit: Int?
        /// Uses in the window, and the oldest of them.
        var used: Int
        var oldest: Date?
    }

    /// The API user's unexpired session named `username` and where its account stands for every family (follow,
    /// like, comment: block, own limit, uses in the `seconds`-long window), in one round trip. Nil: no such session
    /// (another user's is the same).
    func limits(userID: Int64, username: String,
                seconds: Int) throws(PostgresError) -> (username: String, account: String, now: Date, standings: [InstagramAction: LimitStanding])? {
        let rows = try db.query("""
            SELECT s.username, s.instagram_user_id, f.action, now() AS now,
                   (SELECT b.blocked_until FROM instagram_action_blocks b
                    WHERE b.instagram_user_id = s.instagram_user_id AND b.action = f.action AND b.blocked_until > now()) AS blocked_until,
                   (SELECT l.daily_limit FROM instagram_action_limits l
                    WHERE l.instagram_user_id = s.instagram_user_id AND l.action = f.action) AS own_limit,
                   coalesce(w.used, 0) AS used, w.oldest
            FROM (SELECT username, instagram_user_id FROM instagram_sessions
                  WHERE user_id = \(userID) AND lower(username) = lower(\(username)) AND expires_at > now()
                  ORDER BY updated_at DESC, id DESC LIMIT 1) s
            CROSS JOIN unnest(ARRAY['follow', 'like', 'comment']) AS f(action)
            LEFT JOIN LATERAL (SELECT l.used, l.oldest
                               FROM usage_windows u
                               CROSS JOIN LATERAL usage_live(u.used_at, u.recent, now() - make_interval(secs => \(seconds))) l
                               WHERE u.scope = 'action:' || f.action AND u.subject = 'ig:' || s.instagram_user_id) w ON true
            """)
        guard let first = rows.first else { return nil }
        var standings: [InstagramAction: LimitStanding] = [:]
        for row in rows {
            guard let family = InstagramAction(rawValue: try row.decode("action")) else { continue }
            standings[family] = LimitStanding(blockedUntil: try row.decodeIfPresent("blocked_until"), ownLimit: try row.decodeIfPresent("own_limit"),
                                              used: try row.decode("used"), oldest: try row.decodeIfPresent("oldest"))
        }
        return (try first.decode("username", as: String.self), try first.decode("instagram_user_id", as: String.self),
                try first.decode("now", as: Date.self), standings)
    }
}
