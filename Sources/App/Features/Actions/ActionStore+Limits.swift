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
