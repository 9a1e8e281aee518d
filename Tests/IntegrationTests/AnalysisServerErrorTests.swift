import Foundation
import HTTPClient
import Testing

/// Instagram answering 5xx on the follower-list pages during an analysis (README, "Jobs"): a page is retried
/// (up to 4 times within an attempt, then the job's own retries with backoff); a 5xx that heals ends `completed`
/// with the world's counts, one that persists ends `failed` after the maximum attempts with `UPSTREAM_ERROR`.
/// Each test analyses an account no other test analyses (`expired.user`, `checkpoint.user`: their own sessions
/// are bad, but they are public and any valid session may analyse them), so its faults meet only its own job.
@Suite(.threaded, .needsStackAndSandbox)
struct AnalysisServerErrorTests {
    let client = AnalysisClient()

    func worldUser(_ username: String) throws -> [String: Any] {
        let users = try client.sandbox.admin("GET", "/__sandbox/world")["users"] as? [[String: Any]] ?? []
        return try #require(users.first { $0["username"] as? String == username })
    }

    /// Arms one fault rule; returns its id. Throws when the sandbox did not arm it.
    func arm(_ rule: String) throws -> Int {
        let armed = try client.sandbox.admin("POST", "/__sandbox/faults", rule)
        let ids = (armed["faults"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        try #require(ids.count == 1, "the sandbox armed \(rule): \(armed)")
        return ids[0]
    }

    func events(_ jobID: String) throws -> [[String: Any]] {
        try client.http.get("/api/debug/\(jobID)").json["events"] as? [[String: Any]] ?? []
    }

    /// The sandbox's log entries after `after` under `path` whose faults name `kind`.
    func fired(after: Int, path: String, kind: String) throws -> [[String: Any]] {
        let kit = DownloadTestKit()
        return try kit.firedFaults(after: after, path: path, kind: kind)
    }

    @Test func a5xxThatHealsIsRetriedAndTheJobCompletes() throws {
        let account = try worldUser("expired.user")
        let pk = try #require(account["pk"])
        let path = "/api/v1/friendships/\(pk)/followers"
        let before = try DownloadTestKit().lastRequestSequence()
        let id = try arm(#"{"kind":"status","status":500,"path":"\#(path)","count":2}"#)
        defer { _ = try? client.sandbox.admin("DELETE", "/__sandbox/faults/\(id)") }
        let jobID = try client.start("mina.kim", target: "expired.user")
        let status = try client.waitForEnd(jobID, seconds: 120)
        #expect(status["status"] as? String == "completed", "\(status)")
        let counts = status.analysisCounts
        #expect(counts["followers"] == account["follower_count"] as? Int, "\(counts) vs \(account)")
        #expect(counts["following"] == account["following_count"] as? Int)
        #expect(try client.allUsernames(jobID, list: "followers").count == counts["followers"])
        #expect(try fired(after: before, path: path, kind: "status").count == 2, "both 500s were served")
        let backoffs = try events(jobID).filter { $0["event"] as? String == "backoff" }
        #expect(backoffs.contains { ($0["message"] as? String ?? "").contains("UPSTREAM_ERROR") }, "\(backoffs)")
        #expect(status["attempts"] as? Int == 1, "two 500s are retried within the first attempt: \(status)")
    }

    @Test func a5xxThatPersistsFailsTheJobAfterTheMaximumAttempts() throws {
        let pk = try #require(try worldUser("checkpoint.user")["pk"])
        let path = "/api/v1/friendships/\(pk)/following"
        let before = try DownloadTestKit().lastRequestSequence()
        let id = try arm(#"{"kind":"status","status":503,"path":"\#(path)","count":1000}"#)
        defer { _ = try? client.sandbox.admin("DELETE", "/__sandbox/faults/\(id)") }
        let jobID = try client.start("mina.kim", target: "checkpoint.user")
        let status = try client.waitForEnd(jobID, seconds: 240)
        #expect(status["status"] as? String == "failed", "\(status)")
        #expect((status["error"] as? [String: Any])?["code"] as? String == "UPSTREAM_ERROR", "\(status)")
        let maximum = try #require(status["max_attempts"] as? Int)
        #expect(status["attempts"] as? Int == maximum, "retried up to the maximum first: \(status)")
        #expect(maximum == 5, "the README's 5 attempts")
        // Each attempt asked for the page 1 + 4 times (the page's own retries) before giving up. A lease lost
        // on a loaded machine (a heartbeat later than the test stack's 6 s lease) gives its attempt back, and the
        // attempt that took over asks again: each `lease_expired` event allows one more attempt's 5 asks.
        let served = try fired(after: before, path: path, kind: "status").count
        let losses = try events(jobID).filter { $0["event"] as? String == "lease_expired" }.count
        #expect(served >= maximum * 5 && served <= (maximum + losses) * 5,
                "503s served: \(served), leases lost: \(losses)")
        #expect(status["results"] == nil || status["results"] is NSNull, "\(status)")
        try client.http.get("/api/status/\(jobID)?format=csv&list=followers").expectEnvelope(status: 409, code: "JOB_NOT_COMPLETED")
    }
}
