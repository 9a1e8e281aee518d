import DownloadEngine
import Postgres
import Web

/// The advisory lock of one post's files (`pg_advisory_lock(6, hashtext(shortcode))`), session-level on the
/// connection it was taken on: held by whoever writes the post's files (`DownloadCoordinator`) or removes them
/// (`DownloadRetentionJob`), and released by PostgreSQL when that connection is lost.
struct DownloadLocks {
    let db: PostgresConnection

    /// The lock namespace of downloads.
    static let lockClass: Int32 = 6

    /// Waits for the post's lock as long as it takes.
    func lock(_ shortcode: String) throws(PostgresError) {
        try db.query("SELECT pg_advisory_lock(\(Self.lockClass), hashtext(\(shortcode)))")
    }

    /// Waits at most `timeout` seconds for the post's lock (PostgreSQL's `lock_timeout` applies to advisory
    /// locks); throws `DownloadDeferral(.busy)` when someone else held it all that time.
    func lock(_ shortcode: String, timeout: Double) throws {
        try db.query("SELECT set_config('lock_timeout', \(String(max(1, Int(timeout * 1000)))), false)")
        let failure: PostgresError?
        do {
            try lock(shortcode)
            failure = nil
        } catch {
            failure = error
        }
        _ = try? db.query("SELECT set_config('lock_timeout', '0', false)")
        guard let failure else { return }
        switch failure.code {
        case .lockNotAvailable: throw DownloadDeferral(reason: .busy)
        default: throw failure
        }
    }

    /// Takes the post's lock if no one holds it; false when someone does.
    func tryLock(_ shortcode: String) throws(PostgresError) -> Bool {
        try db.query("SELECT pg_try_advisory_lock(\(Self.lockClass), hashtext(\(shortcode))) AS locked")
            .exactlyOne().decode("locked", as: Bool.self)
    }

    /// Waits for the locks of all `shortcodes` in one statement, taken in the order of their keys (so two callers
    /// locking overlapping sets never wait for each other in a circle).
    func lock(all shortcodes: [String]) throws(PostgresError) {
        try db.query("""
            SELECT count(pg_advisory_lock(\(Self.lockClass), k)) AS n
            FROM (SELECT DISTINCT hashtext(s) AS k FROM jsonb_array_elements_text(\(Self.list(shortcodes))::jsonb) s ORDER BY k) keys
            """)
    }

    /// Releases the locks `lock(all:)` took.
    func unlock(all shortcodes: [String]) {
        _ = try? db.query("""
            SELECT count(pg_advisory_unlock(\(Self.lockClass), k)) AS n
            FROM (SELECT DISTINCT hashtext(s) AS k FROM jsonb_array_elements_text(\(Self.list(shortcodes))::jsonb) s) keys
            """)
    }

    private static func list(_ shortcodes: [String]) -> String {
        String(decoding: JSONCoding.encode(shortcodes), as: UTF8.self)
    }

    /// Releases the post's lock (a failure is left to the connection's end, which releases it too).
    func unlock(_ shortcode: String) {
        _ = try? db.query("SELECT pg_advisory_unlock(\(Self.lockClass), hashtext(\(shortcode)))")
    }
}
