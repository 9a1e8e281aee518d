import Foundation
import HTTPClient
import Testing

/// nginx's per-IP limit_req zone on /api/ answers 429 in the envelope with Retry-After.
@Suite(.enabled(if: TestStack.isAvailable, TestStack.skipReason))
struct RateLimitTests {
    @Test func burstOverTheAPIZoneIsRateLimited() throws {
        // From 127.0.0.3 so the other tests (from 127.0.0.1) keep their own budget.
        let http = TestHTTP(from: "127.0.0.3")
        var limited: (status: Int, retryAfter: String?, body: String)?
        for _ in 0..<1500 {
            let response = try http.get("/api/me")
            if response.status == 429 {
                response.expectEnvelope(status: 429, code: "RATE_LIMIT_EXCEEDED")
                limited = (response.status, response.header("Retry-After"), response.text)
                break
            }
            #expect(response.status == 200)
        }
        let hit = try #require(limited, "1500 back-to-back requests never hit the API zone (deploy/test sets INSTAGATE_API_RATE=100r/s, burst 200)")
        #expect(Int(hit.retryAfter ?? "") ?? 0 > 0, "Retry-After: \(hit.retryAfter ?? "missing")")
    }

    @Test func downloadZoneAllowsTenPerMinute() throws {
        // The strict zone: POST /api/download, 10 per minute per IP with a small burst. From 127.0.0.5.
        let http = TestHTTP(from: "127.0.0.5")
        var statuses: [Int] = []
        var limited: HTTPClientResponse?
        for _ in 0..<12 {
            let response = try http.postJSON("/api/download", #"{"url":"https://www.instagram.com/p/DBx1yZ0pQ2c/"}"#)
            statuses.append(response.status)
            if response.status == 429 { limited = response; break }
        }
        let refused = try #require(limited, "12 POSTs in a row were never limited: \(statuses)")
        refused.expectEnvelope(status: 429, code: "RATE_LIMIT_EXCEEDED")
        #expect(Int(refused.header("Retry-After") ?? "") ?? 0 >= 1)
        #expect(statuses.count >= 2 && statuses.count <= 11, "a small burst passes first: \(statuses)")
        // GET is not counted by the download zone.
        #expect(try http.get("/api/me").status == 200)
    }

    @Test func healthIsNotRateLimited() throws {
        let http = TestHTTP(from: "127.0.0.4")
        for _ in 0..<300 {
            #expect(try http.get("/health", key: nil).status == 200)
        }
    }
}
