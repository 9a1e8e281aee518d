import Foundation
import Postgres
import Testing

/// The per-key quota of POST /api/download (INSTAGATE_DOWNLOAD_DAILY_QUOTA, 1000 in any 24 hours): RateLimit-*
/// headers on every answer, QUOTA_EXCEEDED with Retry-After once a key has used it, other keys unaffected, and
/// a request refused as invalid using nothing.
@Suite(.threaded, .needsStack)
struct DownloadQuotaTests {
    @Test func aKeyThatUsedItsQuotaIsRefusedUntilItsOldestUseIsADayOld() throws {
        let key = try TestStack.newKey()
        let other = try TestStack.newKey()
        let http = TestHTTP(from: "127.0.0.7")
        let me = try http.get("/api/me", key: key).json
        let keyID = try #require(((me["user"] as? [String: Any])?["key_id"] as? NSNumber)?.int64Value)
        // A refused URL uses nothing (nothing reaches Instagram).
        let first = try http.postJSON("/api/download", #"{"url":"https://example.com/nope/"}"#, key: key)
        first.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        let limit = try #require(Int(first.header("RateLimit-Limit") ?? ""), "RateLimit-Limit")
        #expect(Int(first.header("RateLimit-Remaining") ?? "") == limit)
        // The key has used all but one of its calls, the oldest 23 hours ago, as PostgreSQL counts them.
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        try db.run("""
            INSERT INTO usage_windows (scope, subject, used_at)
            SELECT 'download', \("key:\(keyID)"), array_agg(now() - interval '23 hours' + i * interval '1 ms' ORDER BY i)
            FROM generate_series(1, \(limit - 1)) AS i
            ON CONFLICT (scope, subject) DO UPDATE SET used_at = EXCLUDED.used_at
            """)
        // A post the sandbox does not have: Instagram answers 404, so the call counts.
        let countable = #"{"url":"https://www.instagram.com/p/CxYzAbCdEfG/"}"#
        let last = try http.postJSON("/api/download", countable, key: key)
        last.expectEnvelope(status: 404, code: "MEDIA_NOT_FOUND")
        #expect(last.header("RateLimit-Remaining") == "0")
        let refused = try http.postJSON("/api/download", countable, key: key)
        refused.expectEnvelope(status: 429, code: "QUOTA_EXCEEDED")
        #expect(refused.header("RateLimit-Remaining") == "0")
        let retry = try #require(Int(refused.header("Retry-After") ?? ""), "Retry-After")
        #expect(retry > 3000 && retry <= 3600, "the oldest use is 23 h old: one frees up within the hour, not \(retry) s")
        #expect(refused.json["request_id"] as? String == refused.header("X-Request-ID"))
        let used = try db.query("""
            SELECT cardinality(used_at) + cardinality(recent) AS used FROM usage_windows WHERE scope = 'download' AND subject = \("key:\(keyID)")
            """)
        #expect(try used.first?.decode("used", as: Int.self) == limit, "a refused call is not counted")
        // Another key of the same address is not affected.
        let fine = try http.postJSON("/api/download", countable, key: other)
        fine.expectEnvelope(status: 404, code: "MEDIA_NOT_FOUND")
        #expect(Int(fine.header("RateLimit-Remaining") ?? "") == limit - 1)
    }
}
