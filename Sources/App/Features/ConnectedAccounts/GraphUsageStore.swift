import Foundation
import Instagram
import Postgres

/// Meta's usage headers as the last answer reported them, in `graph_usage`, shared by every responder and worker:
/// one row per app (`app:<app id>`, `x-app-usage`) and per account (`account:<ig user id>`,
/// `x-business-use-case-usage`), each with the time before which nobody calls Meta for it.
struct GraphUsageStore {
    let db: PostgresConnection

    /// A pause in force: who reported how much, and until when no call is made.
    struct Pause: PostgresRecord {
        var subject: String
        var percent: Int
        var until: Date

        init(row: PostgresRow) throws(PostgresError) {
            subject = try row.decode("subject")
            percent = try row.decode("percent")
            until = try row.decode("paused_until")
        }
    }

    /// The pause of the app or of the account that ends last; nil when a call may go.
    func activePause(appID: String, igUserID: String) throws -> Pause? {
        try db.queryOne("""
            SELECT subject, percent, paused_until FROM graph_usage
            WHERE subject IN (\("app:" + appID), \("account:" + igUserID)) AND paused_until > now()
            ORDER BY paused_until DESC LIMIT 1
            """, as: Pause.self)
    }

    /// Pauses a subject for `seconds` after Meta refused a call for it (reported as 100 %): a longer pause in force
    /// stays. Returns the end of the pause in force.
    func pause(_ subject: String, seconds: Double) throws -> Date {
        try db.queryExactlyOne("""
            INSERT INTO graph_usage (subject, percent, reported_at, paused_until)
            VALUES (\(subject), 100, now(), now() + make_interval(secs => \(seconds)::double precision))
            ON CONFLICT (subject) DO UPDATE SET percent = 100, reported_at = EXCLUDED.reported_at,
                paused_until = GREATEST(graph_usage.paused_until, EXCLUDED.paused_until)
            RETURNING subject, percent, paused_until
            """, as: Pause.self).until
    }

    /// One subject's report to store: its percentage and, when it starts a pause, the pause's seconds.
    struct Row: Equatable {
        var subject: String
        var percent: Int
        var wait: Double?
    }

    /// The rows of one answer's usage: a subject at or above `pausePercent` is paused for `pause` seconds, one whose
    /// `estimated_time_to_regain_access` is set for that long.
    static func rows(_ usage: GraphUsage, appID: String, pausePercent: Int, pause: Double) -> [Row] {
        var rows: [Row] = []
        if let percent = usage.appPercent { rows.append(Row(subject: "app:" + appID, percent: percent, wait: percent >= pausePercent ? pause : nil)) }
        for (id, account) in usage.accounts.sorted(by: { $0.key < $1.key }) {
            let regain = account.regainAccessMinutes > 0 ? Double(account.regainAccessMinutes * 60) : nil
            rows.append(Row(subject: "account:" + id, percent: account.percent, wait: regain ?? (account.percent >= pausePercent ? pause : nil)))
        }
        return rows
    }

    /// Stores one answer's usage (see `rows`). A pause in force is never shortened.
    func record(_ usage: GraphUsage, appID: String, pausePercent: Int, pause: Double) throws {
        try store(GraphUsageStore.rows(usage, appID: appID, pausePercent: pausePercent, pause: pause))
    }

    /// Stores the rows in one statement (an answer reports the app and one account: two rows); a pause in force is
    /// never shortened.
    func store(_ rows: [Row]) throws {
        var rest = rows[...]
        while let first = rest.popFirst() {
            if let second = rest.popFirst() {
                try db.query("""
                    INSERT INTO graph_usage (subject, percent, reported_at, paused_until)
                    VALUES (\(first.subject), \(first.percent), now(), now() + make_interval(secs => \(first.wait)::double precision)),
                           (\(second.subject), \(second.percent), now(), now() + make_interval(secs => \(second.wait)::double precision))
                    \(unsafeSQL: GraphUsageStore.upsert)
                    """)
            } else {
                try db.query("""
                    INSERT INTO graph_usage (subject, percent, reported_at, paused_until)
                    VALUES (\(first.subject), \(first.percent), now(), now() + make_interval(secs => \(first.wait)::double precision))
                    \(unsafeSQL: GraphUsageStore.upsert)
                    """)
            }
        }
    }

    /// A report replaces the stored one; a pause in force is never shortened.
    static let upsert = """
        ON CONFLICT (subject) DO UPDATE SET percent = EXCLUDED.percent, reported_at = EXCLUDED.reported_at,
            paused_until = GREATEST(graph_usage.paused_until, EXCLUDED.paused_until)
        """
}
