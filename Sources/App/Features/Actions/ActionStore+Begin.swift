import Foundation
import Instagram
import Postgres

extension ActionStore {
    /// Everything before an action's call to Instagram in one round trip (`instagram_action_begin`, migration 029):
    /// the API user's session named `request.username` (marked used), the block of the family in force, the
    /// account's own limit, the daily unit (of at most `limit`) and, with `gap` > 0, the account's next slot at most
    /// `maxWait` seconds away. A step runs only when the ones before let the action go on. Nil: no such session.
    func begin(_ request: ActionRequest, userID: Int64, limit: Int, gap: Double, maxWait: Double,
               sessions: InstagramSessionStore) throws -> ActionStart? {
        var selfTarget: String?
        if case .userID(let pk) = request.target { selfTarget = String(pk) }
        let window = RollingWindow.daily(limit)
        let row = try db.query("""
            SELECT *, now() AS now FROM instagram_action_begin(\(userID), \(request.username), \(request.action.family.rawValue),
                \(window.limit), \(window.seconds), \(selfTarget.bound), \(gap), \(maxWait))
            """).exactlyOne()
        guard try row.decodeIfPresent("username", as: String.self) != nil else { return nil }
        return ActionStart(acting: try sessions.acting(from: row, userID: userID), blockedUntil: try row.decodeIfPresent("blocked_until"), ownLimit: try row.decodeIfPresent("own_limit"),
                           taken: try row.decodeIfPresent("allowed"), used: try row.decodeIfPresent("used") ?? 0,
                           oldest: try row.decodeIfPresent("oldest"), now: try row.decode("now"),
                           slotWait: try row.decodeIfPresent("slot_wait") ?? 0, pacedFor: try row.decodeIfPresent("paced_for"))
    }

    /// Writes an audit row and, when `unitOf` is given, gives back the newest unit of that account's family in the
    /// same statement: an action Instagram did not accept, after `begin` took its unit.
    func record(_ entry: Entry, givingBackUnitOf family: InstagramAction?) throws(PostgresError) {
        guard let family else { return try record(entry) }
        try db.run("""
            WITH back AS (SELECT usage_give_back(\(ActionLimits.scope(family)), \(ActionLimits.subject(entry.instagramUserID))))
            INSERT INTO instagram_actions (user_id, username, instagram_user_id, action, target, outcome, error_code, instagram_code)
            SELECT \(entry.userID), \(entry.username), \(entry.instagramUserID), \(entry.action.rawValue), \(entry.target),
                   \(entry.outcome), \(entry.errorCode.bound), \(entry.instagramCode.bound)
            FROM (SELECT count(*) FROM back) AS given
            """)
    }
}
