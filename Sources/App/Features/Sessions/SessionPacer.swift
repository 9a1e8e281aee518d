import Crypto
import Foundation
import HTTPClient
import Postgres

/// Outbound pacing per Instagram session, shared by every process on the database: calls made with one
/// Instagram account's session are spaced at least `interval` seconds apart, so a burst of users (on several
/// responders and workers) cannot get the session blocked (facts §8.3). The next free slot of each account is a
/// row of `instagram_session_pacing`, booked with one atomic statement: the caller gets the slot
/// `max(next_at, now)` and moves `next_at` one interval past it, then sleeps until its slot.
struct SessionPacer {
    let db: PostgresConnection
    /// Minimum seconds between two calls with the same session (`INSTAGATE_SESSION_PACING`); 0 turns pacing off.
    let interval: Double

    /// Books this account's next slot and returns the seconds to wait for it (0 when it is now).
    func book(_ key: String) throws -> Double {
        guard interval > 0 else { return 0 }
        let rows = try db.query("""
            INSERT INTO instagram_session_pacing AS p (pacing_key, next_at)
            VALUES (\(key), clock_timestamp() + make_interval(secs => \(interval)))
            ON CONFLICT (pacing_key) DO UPDATE
                SET next_at = greatest(p.next_at, clock_timestamp()) + make_interval(secs => \(interval))
            RETURNING greatest(0, extract(epoch FROM next_at - clock_timestamp()) - \(interval))::float8 AS wait
            """)
        return try rows.exactlyOne().decode("wait")
    }

    /// Waits for this account's slot (a blocking sleep on the calling thread). A database failure does not stop
    /// the call: it goes out unpaced.
    func wait(_ key: String) {
        guard let delay = try? book(key), delay > 0 else { return }
        Thread.sleep(forTimeInterval: delay)
    }

    /// Paces `request` when it carries an Instagram session (for `HTTPClient.beforeTransfer`).
    func pace(_ request: HTTPClientRequest) {
        if let key = Self.key(of: request) { wait(key) }
    }

    /// The account a request's session belongs to: the mobile `IG-U-DS-USER-ID` header, else the `ds_user_id`
    /// cookie, else a digest of the `sessionid` cookie; nil for an anonymous request.
    static func key(of request: HTTPClientRequest) -> String? {
        if let id = HTTPClientResponse.header("IG-U-DS-USER-ID", in: request.headers), !id.isEmpty { return String(id.prefix(40)) }
        guard let cookie = HTTPClientResponse.header("Cookie", in: request.headers) else { return nil }
        var sessionID: Substring?
        for part in cookie.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            if pair[0] == "ds_user_id", !pair[1].isEmpty { return String(pair[1].prefix(40)) }
            if pair[0] == "sessionid" { sessionID = pair[1] }
        }
        guard let sessionID else { return nil }
        return "sid:" + SHA256.hash(data: Array(sessionID.utf8)).prefix(16).hexEncoded
    }
}
