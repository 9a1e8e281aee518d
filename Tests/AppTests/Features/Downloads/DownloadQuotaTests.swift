import Testing
import TestSupport
@testable import App

/// `POST /api/download` counts against the key's rolling daily quota (`QuotaMiddleware` over `UsageLimiter`):
/// every answer carries `RateLimit-*`, past the limit 429 `QUOTA_EXCEEDED`, and refused input counts nothing.
@Suite(.needsStack)
struct DownloadQuotaTests {
    /// A post the sandbox does not have: Instagram answers, so the request counts (404 MEDIA_NOT_FOUND).
    static let countable = #"{"url":"https://www.instagram.com/p/CxYzAbCdEfG/"}"#

    @Test(arguments: TestingSetup.allCases)
    func refusedInputUsesNothing(_ setup: TestingSetup) throws {
        let app = TestApplication(setup)
        let key = try app.newKey()
        let limit = try #require(Int(app.execute("POST", "/api/download", key: key, json: "{}").header("RateLimit-Limit") ?? ""))
        for body in ["{}", #"{"url":"https://example.com/p/x/"}"#, #"{"url":"https://www.instagram.com/p/ABC/","colour":1}"#, "{"] {
            let refused = try app.execute("POST", "/api/download", key: key, json: body)
            #expect([400, 422].contains(refused.status), "\(body): \(refused.status)")
            #expect(refused.header("RateLimit-Remaining") == "\(limit)", "\(body) used a download")
        }
        let counted = try app.execute("POST", "/api/download", key: key, json: Self.countable)
        counted.expectEnvelope(404, "MEDIA_NOT_FOUND")
        #expect(counted.header("RateLimit-Remaining") == "\(limit - 1)")
    }

    @Test func pastTheLimitIs429WithRetryAfter() throws {
        let app = TestApplication(.router) { $0.downloads.dailyQuota = 2 }
        let key = try app.newKey()
        for remaining in [1, 0] {
            let counted = try app.execute("POST", "/api/download", key: key, json: Self.countable)
            #expect(counted.header("RateLimit-Remaining") == "\(remaining)")
            #expect(counted.header("RateLimit-Limit") == "2")
        }
        let refused = try app.execute("POST", "/api/download", key: key, json: Self.countable)
        refused.expectEnvelope(429, "QUOTA_EXCEEDED")
        let retry = try #require(Int(refused.header("Retry-After") ?? ""))
        #expect((86_000...86_400).contains(retry), "Retry-After \(retry): the first use frees up a day after it")
        #expect(refused.header("RateLimit-Remaining") == "0")
        // Another key of the same stack has its own quota.
        let other = try app.execute("POST", "/api/download", key: try app.newKey(), json: Self.countable)
        #expect(other.header("RateLimit-Remaining") == "1")
    }

    /// Twelve connections racing for the last uses never take more than the limit.
    @Test func concurrentRequestsNeverExceedTheLimit() throws {
        let key = try TestApplication(.router).newKey()
        let statuses = onThreads(12) { _ in
            let app = TestApplication(.router) { $0.downloads.dailyQuota = 5 }
            return (try? app.execute("POST", "/api/download", key: key, json: Self.countable).status) ?? 0
        }
        #expect(statuses.filter { $0 == 429 }.count == 7, "\(statuses)")
        #expect(statuses.filter { $0 == 404 }.count == 5, "\(statuses)")
    }
}

extension DownloadQuotaTests {
    /// A body cut at the size limit never reaches a route: 413 before authentication and the quota, so it
    /// counts nothing.
    @Test func aBodyOverTheLimitIs413AndUsesNothing() throws {
        let app = TestApplication(.router)
        let key = try app.newKey()
        let cut = HTTPRequestFixture.post("/api/download", key: key, json: Self.countable)
        let response = app.app.respond(to: cut, bodyTooLarge: true, context: app.context)
        #expect(response.status.code == 413)
        #expect(response.headers["RateLimit-Remaining"] == nil)
        let counted = try app.execute("POST", "/api/download", key: key, json: Self.countable)
        let limit = try #require(Int(counted.header("RateLimit-Limit") ?? ""))
        #expect(counted.header("RateLimit-Remaining") == "\(limit - 1)", "the 413 used a download")
    }
}
