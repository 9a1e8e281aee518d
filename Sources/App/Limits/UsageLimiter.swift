import Foundation
import Postgres

/// Rolling-window limits kept in PostgreSQL (`usage_windows`, one row per scope and subject holding the
/// times of the uses still in the window), so every responder and worker on every host shares them.
///
/// Consuming is one statement, `usage_consume` (migration 029; the action path's `instagram_action_begin` calls
/// it too): the row lock of `INSERT … ON CONFLICT DO UPDATE` serialises two processes taking the last use, so a
/// limit is never exceeded, and a refusal reads where the window stands in the same call. The times are two sorted
/// arrays (migration 042): the newest uses in `recent` (at most 64, in line), the older ones in `used_at` (out of
/// line, uncompressed: migration 025), which is rewritten only when `recent` is full, so a use costs the same
/// whatever the window holds. A use is appended at no earlier than the newest one, so the uses out of the window are
/// a prefix of each array that `width_bucket` finds by binary search (`usage_live`): nothing is unnested or sorted.
public struct UsageLimiter {
    let db: PostgresConnection

    public init(db: PostgresConnection) {
        self.db = db
    }

    /// Takes one use of `subject`'s `scope` if the window allows it, in one round trip. The status after taking
    /// it, or (refused) the status as it stands.
    public func consume(_ scope: String, subject: String, window: RollingWindow) throws(PostgresError) -> (allowed: Bool, status: QuotaStatus) {
        let row = try db.query("""
            SELECT allowed, used, oldest, now() AS now FROM usage_consume(\(scope), \(subject), \(window.limit), \(window.seconds))
            """).exactlyOne()
        let status = window.status(used: try row.decode("used"), oldest: try row.decodeIfPresent("oldest"), now: try row.decode("now"))
        return (try row.decode("allowed", as: Bool.self), status)
    }

    /// Gives back the newest use (an attempt that turned out not to count: refused input, an upstream error).
    public func giveBack(_ scope: String, subject: String) throws(PostgresError) {
        try db.run("SELECT usage_give_back(\(scope), \(subject))")
    }

    /// Where `subject` stands, without using anything.
    public func status(_ scope: String, subject: String, window: RollingWindow) throws(PostgresError) -> QuotaStatus {
        let rows = try db.query("""
            SELECT l.used, l.oldest, now() AS now
            FROM usage_windows u CROSS JOIN LATERAL usage_live(u.used_at, u.recent, now() - make_interval(secs => \(window.seconds))) l
            WHERE u.scope = \(scope) AND u.subject = \(subject)
            """)
        guard let row = rows.first else { return window.status(used: 0, oldest: nil, now: Date()) }
        return window.status(used: try row.decode("used"), oldest: try row.decodeIfPresent("oldest"), now: try row.decode("now"))
    }
}
