import Foundation
import Testing

/// The token refresh the worker's `graph_token_refresh` job runs, run now with `instagate graph-refresh` after 59
/// sandbox days: a due token is refreshed (and works 59 days later), a revoked one becomes `reconnect_required`.
extension ConnectedAccountTests {
    @Test func refreshRunRenewsDueTokensAndMarksRefusedOnes() throws {
        let flow = try ConnectedAccountFlow()
        defer { try? flow.resetGraphClock() }
        let good = try #require(try flow.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        let other = try ConnectedAccountFlow()
        let revoked = try #require(try other.connect(flavour: "facebook", account: "seoul.traveler").first?["account_id"] as? Int)
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/revoke", #"{"username":"seoul.traveler","app_id":"1122334455667788"}"#)
        try flow.advanceGraphClock(days: 59)
        let run = try TestStack.cli(["graph-refresh", "--within", "5184000", "--include-recent"])
        #expect(run.status == 0, "\(run.err)")
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect((outcome["refreshed"] as? Int ?? 0) >= 1 && (outcome["reconnect_required"] as? Int ?? 0) >= 1, "\(run.out)")
        #expect(!run.out.contains("IGAA") && !run.err.contains("IGAA") && !run.err.contains("EAA"))
        try flow.advanceGraphClock(days: 59)
        #expect(try flow.get("/api/sns/instagram/media?account_id=\(good)&limit=1").status == 200)
        let account = try #require((try other.get("/api/sns/instagram/accounts").json["accounts"] as? [[String: Any]])?.first)
        #expect(account["account_id"] as? Int == revoked && account["status"] as? String == "reconnect_required")
        #expect(account["status_reason"] as? String == "graph code 190/458")
    }
}
