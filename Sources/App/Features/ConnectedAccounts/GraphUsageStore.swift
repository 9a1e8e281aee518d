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

    /// Stores one answer's usage; a subject at or above `pausePercent` is paused for `pause` seconds, one whose
    /// `estimated_time_to_regain_access` is set for that long. A pause in force is never shortened.
    func record(_ usage: GraphUsage, appID: String, pausePercent: Int, pause: Double) throws {
        var rows: [(subject: String, percent: Int, wait: Double?)] = []
        if let percent = usage.appPercent { rows.append(("app:" + appID, percent, percent >= pausePercent ? pause : nil)) }
        for (id, account) in usage.accounts {
            let regain = account.regainAccessMinutes > 0 ? Double(account.regainAccessMinutes * 60) : nil
            rows.append(("account:" + id, account.percent, regain ?? (account.percent >= pausePercent ? pause : nil)))
        }
        for row in rows {
            try db.query("""
                INSERT INTO graph_usage (subject, percent, reported_at, paused_until)
                VALUES (\(row.subject), \(row.percent), now(), now() + make_interval(secs => \(row.wait)::double precision))
                ON CONFLICT (subject) DO UPDATE SET percent = EXCLUDED.percent, reported_at = EXCLUDED.reported_at,
                    paused_until = GREATEST(graph_usage.paused_until, EXCLUDED.paused_until)
                """)
        }
    }
}
