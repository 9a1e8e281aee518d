import Foundation
import Testing

/// Meta's usage headers acted on (graph-api.md §6.3): once the sandbox reports 90 % of an account's allowance used,
/// instagate makes no call for that account (429 with Retry-After, the pause shown in the accounts list) until the
/// pause ends, so Meta never has to refuse. The budget is in PostgreSQL: other processes (`instagate graph-refresh`,
/// what the worker's token and profile jobs run) hold back too.
extension ConnectedAccountTests {
    @Test func highUsageHoldsCallsBackBeforeMetaRefuses() throws {
        let flow = try ConnectedAccountFlow()
        let id = try #require(try flow.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        let ig = try mediaPathID(flow, id)
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/usage/reset", "{}")
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"account_calls_per_day": 10}"#)
        defer {
            _ = try? flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"account_calls_per_day": 48000}"#)
            _ = try? flow.sandbox.admin("POST", "/__sandbox/graph/usage/reset", "{}")
            try? waitOutPause(flow, id)
        }
        let start = try lastGraphSequence(flow)
        var statuses: [Int] = []
        while statuses.last != 429 && statuses.count < 12 {
            statuses.append(try flow.get("/api/sns/instagram/media?account_id=\(id)&limit=1").status)
        }
        // Calls 1…9 reported 10 % … 90 %: the 10th is held back, before Meta's 100 % would refuse it.
        #expect(statuses == Array(repeating: 200, count: 9) + [429], "\(statuses)")
        let held = try flow.get("/api/sns/instagram/media?account_id=\(id)&limit=1")
        held.expectEnvelope(status: 429, code: "RATE_LIMIT_EXCEEDED")
        #expect((1...10).contains(Int(held.header("Retry-After") ?? "") ?? 0), "\(held.header("Retry-After") ?? "none")")
        #expect((held.json["message"] as? String)?.contains("90%") == true, "\(held.text)")
        let refresh = try TestStack.cli(["graph-refresh", "--within", "5184000", "--include-recent"])
        #expect(refresh.status == 0, "\(refresh.err)")
        let outcome = try JSONSerialization.jsonObject(with: Data(refresh.out.utf8)) as? [String: Any]
        #expect((outcome?["deferred"] as? Int ?? 0) >= 1, "bigstar's refresh waits for the pause: \(refresh.out)")
        let profiles = try TestStack.cli(["graph-refresh", "--info", "--older-than", "0"])
        let profileOutcome = try JSONSerialization.jsonObject(with: Data(profiles.out.utf8)) as? [String: Any]
        #expect((profileOutcome?["deferred"] as? Int ?? 0) >= 1, "bigstar's profile waits for the pause: \(profiles.out) \(profiles.err)")
        let made = try graphCalls(flow, after: start)
        #expect(made.filter { $0.path == "/\(ig)/media" }.count == 9, "\(made)")
        #expect(made.allSatisfy { $0.status == 200 }, "Meta never refused: \(made)")
        #expect(!made.contains { $0.path == "/refresh_access_token" || $0.path == "/\(ig)" }, "the other processes held back too: \(made)")
        let usage = try #require(try account(flow, id)["graph_usage"] as? [String: Any])
        #expect(usage["percent"] as? Int == 90 && usage["paused_until"] is String, "\(usage)")
        try waitOutPause(flow, id)
        #expect(try flow.get("/api/sns/instagram/media?account_id=\(id)&limit=1").status == 200, "calls resume after the pause")
        #expect(try flow.get("/api/sns/instagram/media?account_id=\(id)&limit=1").status == 429, "100 % reported: held back again")
    }

    /// The worker's profile refresh (run now): a stale profile is read from Meta without anyone asking for it.
    @Test func infoRefreshRunReadsStaleProfiles() throws {
        let flow = try ConnectedAccountFlow()
        let id = try #require(try flow.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        let ig = try mediaPathID(flow, id)
        let before = try #require(try flow.get("/api/sns/instagram/account/info?account_id=\(id)").json["account"] as? [String: Any])
        #expect(before["from_cache"] as? Bool == true)
        Thread.sleep(forTimeInterval: 1.2)
        let start = try lastGraphSequence(flow)
        let run = try TestStack.cli(["graph-refresh", "--info", "--older-than", "1"])
        #expect(run.status == 0, "\(run.err)")
        let outcome = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any]
        #expect((outcome?["refreshed"] as? Int ?? 0) >= 1, "\(run.out)")
        #expect(try graphCalls(flow, after: start).contains { $0.path == "/\(ig)" && $0.status == 200 })
        let after = try #require(try flow.get("/api/sns/instagram/account/info?account_id=\(id)").json["account"] as? [String: Any])
        #expect(after["from_cache"] as? Bool == true && after["username"] as? String == "bigstar")
        let was = try #require(before["refreshed_at"] as? String), now = try #require(after["refreshed_at"] as? String)
        #expect(now > was, "refreshed_at \(was) → \(now)")
        #expect(!run.out.contains("IGAA") && !run.err.contains("IGAA"))
    }

    func account(_ flow: ConnectedAccountFlow, _ id: Int) throws -> [String: Any] {
        let accounts = try flow.get("/api/sns/instagram/accounts").json["accounts"] as? [[String: Any]] ?? []
        return try #require(accounts.first { $0["account_id"] as? Int == id })
    }

    /// Sleeps until the account's `graph_usage.paused_until` (at most 30 s).
    func waitOutPause(_ flow: ConnectedAccountFlow, _ id: Int) throws {
        for _ in 0..<150 {
            guard let usage = try account(flow, id)["graph_usage"] as? [String: Any], usage["paused_until"] is String else { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    func lastGraphSequence(_ flow: ConnectedAccountFlow) throws -> Int {
        let all = try flow.sandbox.admin("GET", "/__sandbox/requests?limit=1")["requests"] as? [[String: Any]] ?? []
        return all.compactMap { ($0["seq"] as? NSNumber)?.intValue }.max() ?? 0
    }

    /// The Graph API calls the sandbox answered after `after`: path (without the version) and status.
    func graphCalls(_ flow: ConnectedAccountFlow, after: Int) throws -> [(path: String, status: Int)] {
        let log = try flow.sandbox.admin("GET", "/__sandbox/requests?after=\(after)&limit=100000")["requests"] as? [[String: Any]] ?? []
        return log.filter { $0["family"] as? String == "graph" }.map { ($0["path"] as? String ?? "", ($0["status"] as? NSNumber)?.intValue ?? 0) }
    }
}
