import Foundation
import Postgres
import Testing

/// Meta's rate-limit refusals (codes 4, 17, 32, 613) without `estimated_time_to_regain_access` (graph-api.md §6.1:
/// "wait (usage header, else 1 h)"): each is a 429 with Retry-After, and no process calls Meta for the app (code 4)
/// or the account (the others) until `INSTAGATE_GRAPH_USAGE_PAUSE` has passed (10 s in deploy/test), so a refused
/// client does not keep knocking.
extension ConnectedAccountTests {
    @Test func rateLimitRefusalsPauseCallsForTheDefaultTimeInEveryProcess() throws {
        let flow = try ConnectedAccountFlow()
        let id = try #require(try flow.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        let ig = try mediaPathID(flow, id)
        let subjects = ["app:" + ConnectedAccountFlow.apps["instagram"]!, "account:" + ig]
        defer {
            _ = try? flow.sandbox.admin("POST", "/__sandbox/graph/usage/reset", "{}")
            try? clearPauses(subjects)
        }
        for code in [4, 17, 32, 613] {
            try clearPauses(subjects)
            _ = try flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"force_code": \#(code), "force_count": 1}"#)
            let start = try lastGraphSequence(flow)
            let limited = try flow.get("/api/sns/instagram/media?account_id=\(id)&limit=1")
            limited.expectEnvelope(status: 429, code: "RATE_LIMIT_EXCEEDED")
            #expect((limited.json["message"] as? String)?.contains("code \(code)") == true, "\(limited.text)")
            #expect((5...10).contains(Int(limited.header("Retry-After") ?? "") ?? 0), "code \(code): \(limited.header("Retry-After") ?? "none")")
            let held = try flow.get("/api/sns/instagram/media?account_id=\(id)&limit=1")
            held.expectEnvelope(status: 429, code: "RATE_LIMIT_EXCEEDED")
            #expect((held.json["message"] as? String)?.contains("100%") == true, "code \(code), held back: \(held.text)")
            let made = try graphCalls(flow, after: start).filter { $0.path == "/\(ig)/media" }
            #expect(made.count == 1, "code \(code): the refused call only, the next one was not made: \(made)")
        }
        // The last refusal (613) paused the account: the worker's jobs (the same CLI) hold back too; the list shows it.
        let refresh = try TestStack.cli(["graph-refresh", "--within", "5184000", "--include-recent"])
        let outcome = try JSONSerialization.jsonObject(with: Data(refresh.out.utf8)) as? [String: Any]
        #expect((outcome?["deferred"] as? Int ?? 0) >= 1, "bigstar's refresh waits for the pause: \(refresh.out) \(refresh.err)")
        let usage = try #require(try account(flow, id)["graph_usage"] as? [String: Any])
        #expect(usage["percent"] as? Int == 100 && usage["paused_until"] is String, "\(usage)")
        try waitOutPause(flow, id)
        #expect(try flow.get("/api/sns/instagram/media?account_id=\(id)&limit=1").status == 200, "calls resume after the pause")
    }

    /// Ends the pauses of these `graph_usage` subjects (between the codes, so each refusal is met afresh).
    func clearPauses(_ subjects: [String]) throws {
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        for subject in subjects { try db.query("UPDATE graph_usage SET paused_until = NULL WHERE subject = \(subject)") }
    }
}

extension ConnectedAccountFlow {
    /// Ends every pause of `graph_usage` (a test forcing refusals one after another meets each afresh).
    func clearAllGraphPauses() throws {
        try PostgresConnection(conninfo: TestStack.databaseURL).query("UPDATE graph_usage SET paused_until = NULL")
    }
}
