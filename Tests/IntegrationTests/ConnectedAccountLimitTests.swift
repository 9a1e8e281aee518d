import Foundation
import Testing

/// Meta's rate limits and 5xx storms as instagate answers them.
extension ConnectedAccountTests {
    @Test func metaRateLimitsAre429WithRetryAfterAndA5xxStormIs502() throws {
        let flow = try ConnectedAccountFlow()
        defer { _ = try? flow.sandbox.admin("POST", "/__sandbox/graph/usage/reset", "{}") }
        let id = try #require(try flow.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        for code in [4, 17, 32, 613] {
            _ = try flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"force_code": \#(code), "force_count": 1}"#)
            let limited = try flow.get("/api/sns/instagram/media?account_id=\(id)")
            limited.expectEnvelope(status: 429, code: "RATE_LIMIT_EXCEEDED")
            #expect(Int(limited.header("Retry-After") ?? "") ?? 0 > 0)
            #expect((limited.json["message"] as? String)?.contains("code \(code)") == true)
        }
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/faults", #"{"kind":"status","status":503,"path":"/\#(try mediaPathID(flow, id))","count":5}"#)
        try flow.get("/api/sns/instagram/media?account_id=\(id)").expectEnvelope(status: 502, code: "UPSTREAM_ERROR")
        _ = try flow.sandbox.admin("DELETE", "/__sandbox/graph/faults")
        #expect(try flow.get("/api/sns/instagram/media?account_id=\(id)").status == 200)
        let account = try #require((try flow.get("/api/sns/instagram/accounts").json["accounts"] as? [[String: Any]])?.first)
        #expect(account["status"] as? String == "connected")
    }

    /// The account's IG user id (the Graph path of its media is `/<id>/media`).
    func mediaPathID(_ flow: ConnectedAccountFlow, _ id: Int) throws -> String {
        let accounts = try flow.get("/api/sns/instagram/accounts").json["accounts"] as? [[String: Any]] ?? []
        return try #require(accounts.first { $0["account_id"] as? Int == id }?["platform_user_id"] as? String)
    }
}
