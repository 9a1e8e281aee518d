import Foundation
import HTTPClient
import Testing

/// The sandbox answering garbage or cutting a page off mid-body during an analysis: the job retries with
/// backoff and either completes with the right lists (the fault healed) or ends `failed` with a clear code;
/// partial results are never shown as complete. Each test's faults name the session its job uses, so they meet
/// only that job, whoever else reads the same account at the time (a test reading sandbox.user's followers with
/// an expired session once took a garbage answer meant for this suite). (`deploy/test` sets
/// `INSTAGATE_JOB_RETRY_DELAY=0.2`.)
@Suite(.threaded, .needsStackAndSandbox)
struct AnalysisFaultTests {
    let client = AnalysisClient()

    func worldUser(_ username: String) throws -> [String: Any] {
        let users = try client.sandbox.admin("GET", "/__sandbox/world")["users"] as? [[String: Any]] ?? []
        return try #require(users.first { $0["username"] as? String == username })
    }

    /// Arms fault rules; returns their ids (to clear them afterwards).
    func arm(_ rules: [String]) throws -> [Int] {
        let armed = try client.sandbox.admin("POST", "/__sandbox/faults", #"{"faults":[\#(rules.joined(separator: ","))]}"#)
        return (armed["faults"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
    }

    func disarm(_ ids: [Int]) {
        for id in ids { _ = try? client.sandbox.admin("DELETE", "/__sandbox/faults/\(id)") }
    }

    func events(_ jobID: String) throws -> [[String: Any]] {
        try client.http.get("/api/debug/\(jobID)").json["events"] as? [[String: Any]] ?? []
    }

    /// The account analyses itself with a fresh session, `faults` (rules as JSON objects) armed for that session
    /// only and cleared at the end; returns the final status.
    func analyseItself(_ username: String, faults: [String], seconds: Double = 60) throws -> (jobID: String, status: [String: Any]) {
        let session = try client.session(username)
        let ids = try arm(faults.map { #"{"session":"\#(session.sessionID)","# + $0.dropFirst() })
        defer { disarm(ids) }
        let answer = try client.analyze(session)
        #expect(answer.status == 202, "analyze: \(answer.status) \(answer.text.prefix(300))")
        let jobID = answer.json["job_id"] as? String ?? ""
        return (jobID, try client.waitForEnd(jobID, seconds: seconds))
    }

    /// Counts and lists of a completed job against the world's numbers.
    func expectCompleteResults(_ jobID: String, status: [String: Any], account: [String: Any]) throws {
        #expect(status["status"] as? String == "completed", "\(status)")
        let counts = status.analysisCounts
        #expect(counts["followers"] == account["follower_count"] as? Int)
        #expect(counts["following"] == account["following_count"] as? Int)
        #expect(try client.allUsernames(jobID, list: "followers").count == counts["followers"])
        #expect(try client.allUsernames(jobID, list: "following").count == counts["following"])
    }

    /// Nothing of a failed job reads as a result: no `results`, no list page, no CSV.
    func expectNoResults(_ jobID: String, status: [String: Any]) throws {
        #expect(status["results"] == nil || status["results"] is NSNull, "\(status)")
        let listed = try client.status(jobID, query: "?list=followers&limit=1000")
        #expect(listed["status"] as? String == "failed")
        #expect(listed["results"] == nil || listed["results"] is NSNull)
        try client.http.get("/api/status/\(jobID)?format=csv&list=followers").expectEnvelope(status: 409, code: "JOB_NOT_COMPLETED")
    }

    @Test func garbageThatHealsIsRetriedAndTheListsAreComplete() throws {
        let account = try worldUser("sandbox.user")
        let pk = try #require(account["pk"])
        let (jobID, status) = try analyseItself("sandbox.user", faults: [
            #"{"kind":"garbage","path":"/api/v1/friendships/\#(pk)/followers","count":2}"#,
            #"{"kind":"garbage","body":"{\"users\":\"not a list\",\"status\":\"ok\"}","path":"/api/v1/friendships/\#(pk)/following","count":1}"#,
        ])
        try expectCompleteResults(jobID, status: status, account: account)
        let backoffs = try events(jobID).filter { $0["event"] as? String == "backoff" }
        #expect(backoffs.contains { ($0["message"] as? String ?? "").contains("BAD_RESPONSE") }, "\(backoffs)")
        #expect(status["attempts"] as? Int == 2, "two garbage answers in a row end the first attempt")
    }

    @Test func pagesCutOffMidBodyAreFetchedAgainAndTheListsAreComplete() throws {
        let account = try worldUser("hidden.garden")
        let pk = try #require(account["pk"])
        let (jobID, status) = try analyseItself("hidden.garden", faults: [
            #"{"kind":"truncate","fraction":0.4,"path":"/api/v1/friendships/\#(pk)/followers","count":2}"#,
        ])
        try expectCompleteResults(jobID, status: status, account: account)
        let backoffs = try events(jobID).filter { $0["event"] as? String == "backoff" }
        #expect(backoffs.contains { ($0["message"] as? String ?? "").contains("NETWORK_ERROR") }, "\(backoffs)")
    }

    @Test func garbageThatPersistsFailsTheJobWithBadResponse() throws {
        let pk = try #require(try worldUser("jun.private")["pk"])
        let (jobID, status) = try analyseItself("jun.private", faults: [
            #"{"kind":"garbage","path":"/api/v1/friendships/\#(pk)/following","count":1000}"#,
        ])
        #expect(status["status"] as? String == "failed", "\(status)")
        #expect((status["error"] as? [String: Any])?["code"] as? String == "BAD_RESPONSE", "\(status)")
        #expect(status["attempts"] as? Int == status["max_attempts"] as? Int, "retried up to the maximum first")
        try expectNoResults(jobID, status: status)
        try client.http.get("/api/analyses/jun.private/changes").expectEnvelope(status: 404, code: "NOT_FOUND")
    }

    @Test func pagesThatKeepBeingCutOffFailTheJobWithNetworkError() throws {
        // An account of its own: a world account's cut pages would fail another test's analysis of it
        // (AnalysisCLITests reads blocked.user's lists while this fault is armed).
        let name = ProfileTestKit.uniqueName("cut.pages")
        _ = try client.sandbox.admin("POST", "/__sandbox/users", #"{"username":"\#(name)"}"#)
        let pk = try #require(try worldUser(name)["pk"])
        let (jobID, status) = try analyseItself(name, faults: [
            #"{"kind":"truncate","fraction":0.5,"path":"/api/v1/friendships/\#(pk)/followers","count":1000}"#,
        ])
        #expect(status["status"] as? String == "failed", "\(status)")
        #expect((status["error"] as? [String: Any])?["code"] as? String == "NETWORK_ERROR", "\(status)")
        try expectNoResults(jobID, status: status)
    }
}
