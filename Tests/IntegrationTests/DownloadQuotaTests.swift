import Foundation
import Postgres
import Testing

/// The per-key daily quota of POST /api/download (INSTAGATE_DOWNLOAD_DAILY_QUOTA, 1000): RateLimit-* headers on
/// every answer, QUOTA_EXCEEDED with Retry-After once a key has used it, other keys unaffected.
@Suite(.needsStack)
struct DownloadQuotaTests {
    @Test func aKeyThatUsedItsQuotaIsRefusedUntilMidnight() throws {
        let key = try TestStack.newKey()
        let other = try TestStack.newKey()
        let http = TestHTTP(from: "127.0.0.7")
        let me = try http.get("/api/me", key: key).json
        let keyID = try #require(((me["user"] as? [String: Any])?["key_id"] as? NSNumber)?.int64Value)
        // Every call counts, a refused URL too (nothing reaches Instagram).
        let first = try http.postJSON("/api/download", #"{"url":"https://example.com/nope/"}"#, key: key)
        first.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        let limit = try #require(Int(first.header("RateLimit-Limit") ?? ""), "RateLimit-Limit")
        #expect(Int(first.header("RateLimit-Remaining") ?? "") == limit - 1)
        // The key has used all but one of today's calls (UTC day), as PostgreSQL counts them.
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        let updated = try db.run("""
            UPDATE download_quota SET used = \(limit - 1) WHERE key_id = \(keyID) AND day = (now() AT TIME ZONE 'UTC')::date
            """)
        #expect(updated == 1)
        let last = try http.postJSON("/api/download", #"{"url":"https://example.com/nope/"}"#, key: key)
        last.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(last.header("RateLimit-Remaining") == "0")
        let refused = try http.postJSON("/api/download", #"{"url":"https://example.com/nope/"}"#, key: key)
        refused.expectEnvelope(status: 429, code: "QUOTA_EXCEEDED")
        #expect(refused.header("RateLimit-Remaining") == "0")
        let retry = try #require(Int(refused.header("Retry-After") ?? ""), "Retry-After")
        #expect(retry > 0 && retry <= 86_400, "until the next UTC midnight: \(retry)")
        #expect(refused.json["request_id"] as? String == refused.header("X-Request-ID"))
        let used = try db.query("SELECT used FROM download_quota WHERE key_id = \(keyID) AND day = (now() AT TIME ZONE 'UTC')::date")
        #expect(try used.first?.decode("used", as: Int.self) == limit, "a refused call is not counted")
        // Another key of the same address is not affected.
        let fine = try http.postJSON("/api/download", #"{"url":"https://example.com/nope/"}"#, key: other)
        fine.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(Int(fine.header("RateLimit-Remaining") ?? "") == limit - 1)
    }
}
