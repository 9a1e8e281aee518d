import Foundation
import Postgres

/// The per-API-key daily quota of `POST /api/download` (UTC days), kept in `download_quota` and reported in
/// the IETF `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` headers.
struct DownloadQuota {
    let db: PostgresConnection
    let limit: Int

    /// Where the key stands: used today, and seconds until the day resets.
    struct Status: Sendable {
        var limit: Int
        var used: Int
        var resetSeconds: Int
        var remaining: Int { max(0, limit - used) }
        var exhausted: Bool { used >= limit }

        var headers: [(String, String)] {
            [("RateLimit-Limit", "\(limit)"), ("RateLimit-Remaining", "\(remaining)"), ("RateLimit-Reset", "\(resetSeconds)")]
        }
    }

    /// Counts one call if the quota allows it; the status after counting (unchanged when exhausted).
    func consume(keyID: Int64) throws -> (allowed: Bool, status: Status) {
        let rows = try db.query("""
            INSERT INTO download_quota (key_id, day, used) VALUES (\(keyID), (now() AT TIME ZONE 'UTC')::date, 1)
            ON CONFLICT (key_id, day) DO UPDATE SET used = download_quota.used + 1
            WHERE download_quota.used < \(limit)
            RETURNING used
            """)
        guard let row = rows.first else { return (false, try status(keyID: keyID)) }
        return (true, Status(limit: limit, used: try row.decode("used"), resetSeconds: Self.secondsToMidnight()))
    }

    /// Today's status without counting.
    func status(keyID: Int64) throws -> Status {
        let used: Int = try db.query("""
            SELECT coalesce((SELECT used FROM download_quota WHERE key_id = \(keyID)
                             AND day = (now() AT TIME ZONE 'UTC')::date), 0) AS used
            """).rows[0].decode("used")
        return Status(limit: limit, used: used, resetSeconds: Self.secondsToMidnight())
    }

    static func secondsToMidnight(now: Date = Date()) -> Int {
        let seconds = Int(now.timeIntervalSince1970)
        return 86_400 - seconds % 86_400
    }
}
