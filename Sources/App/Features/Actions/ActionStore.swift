import Foundation
import Instagram
import Jobs
import Postgres

/// The account actions' SQL: the audit log (`instagram_actions`), the action blocks Instagram imposed
/// (`instagram_action_blocks`) and the gap between two actions of one account (a row of
/// `instagram_session_pacing` keyed `action:<instagram user id>`, shared by every process).
struct ActionStore {
    let db: PostgresConnection

    /// One audit row.
    struct Entry {
        var userID: Int64
        var username: String
        var instagramUserID: String
        var action: InstagramAction
        var target: String
        /// `accepted` (by Instagram), `refused` (by Instagram), `rejected` (by instagate, nothing sent).
        var outcome: String
        var errorCode: String?
        var instagramCode: String?
    }

    func record(_ entry: Entry) throws(PostgresError) {
        try db.run(Self.recordStatement(entry))
    }

    /// The audit row's `INSERT`, for a caller that runs it along its own statement (`\(leading:)`: the bulk job's
    /// item outcome).
    static func recordStatement(_ entry: Entry) -> PostgresQuery {
        """
        INSERT INTO instagram_actions (user_id, username, instagram_user_id, action, target, outcome, error_code, instagram_code)
        VALUES (\(entry.userID), \(entry.username), \(entry.instagramUserID), \(entry.action.rawValue), \(entry.target),
                \(entry.outcome), \(entry.errorCode.bound), \(entry.instagramCode.bound))
        """
    }

    /// Pauses `family` for the account for `seconds`; returns until when.
    func block(instagramUserID: String, family: InstagramAction, seconds: Int) throws(PostgresError) -> Date {
        try db.query("""
            INSERT INTO instagram_action_blocks (instagram_user_id, action, blocked_until)
            VALUES (\(instagramUserID), \(family.rawValue), now() + make_interval(secs => \(seconds)))
            ON CONFLICT (instagram_user_id, action) DO UPDATE SET blocked_until = EXCLUDED.blocked_until
            RETURNING blocked_until
            """).exactlyOne().decode("blocked_until")
    }

    /// Books the account's next action slot, `gap` seconds after the one before (across processes), if it is
    /// at most `maxWait` seconds away: the seconds to wait for it, or nil (nothing booked) when it is further. The bulk
    /// job's; the action endpoints book theirs in `begin`'s statement.
    func bookSlot(instagramUserID: String, gap: Double, maxWait: Double) throws(PostgresError) -> Double? {
        let key = "action:" + instagramUserID
        let rows = try db.query("""
            INSERT INTO instagram_session_pacing AS p (pacing_key, next_at)
            VALUES (\(key), clock_timestamp() + make_interval(secs => \(gap)))
            ON CONFLICT (pacing_key) DO UPDATE
                SET next_at = greatest(p.next_at, clock_timestamp()) + make_interval(secs => \(gap))
                WHERE p.next_at <= clock_timestamp() + make_interval(secs => \(maxWait))
            RETURNING greatest(0, extract(epoch FROM next_at - clock_timestamp()) - \(gap))::float8 AS wait
            """)
        guard let row = rows.first else { return nil }
        return try row.decode("wait")
    }
}
