import Testing
import TestSupport
@testable import App

/// `GET /health`: the process is up, PostgreSQL answers, and the uptime counts from the process's start.
@Suite(.needsStack)
struct HealthHandlerTests {
    @Test(arguments: TestingSetup.allCases)
    func healthyWithTheDatabase(_ setup: TestingSetup) throws {
        let response = try TestApplication(setup).execute("GET", "/health", key: nil)
        #expect(response.status == 200)
        #expect(response.header("Cache-Control") == "no-store")
        let body = response.json
        #expect(body["status"] as? String == "ok")
        #expect(body["database"] as? String == "ok")
        #expect(response.header("X-Request-ID")?.isEmpty == false)
    }

    /// The first /health call of a process that started 100 s ago says 100 s, not 0 (the start used to be
    /// taken at the first call).
    @Test func uptimeCountsFromTheStartNotFromTheFirstCall() throws {
        let app = TestApplication(.router, startedAt: .now - .seconds(100))
        let uptime = try app.execute("GET", "/health", key: nil).json["uptime_seconds"] as? Int
        #expect((100...110).contains(uptime ?? -1), "uptime_seconds \(String(describing: uptime))")
    }

    @Test func degradedWithoutTheDatabase() throws {
        let app = TestApplication(.router) { $0.databaseURL = "postgresql://nobody@/nothing?host=/nonexistent&connect_timeout=1" }
        let response = try app.execute("GET", "/health", key: nil)
        #expect(response.status == 503)
        #expect(response.header("Retry-After") == "5")
        #expect(response.json["database"] as? String == "unavailable")
    }
}
