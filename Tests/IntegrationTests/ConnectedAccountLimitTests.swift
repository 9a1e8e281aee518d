import Foundation
import Testing

/// Meta's rate limits and 5xx storms as instagate answers them.
extension ConnectedAccountTests {
    @Test func a5xxStormIs502() throws {
        let flow = try ConnectedAccountFlow()
        defer { _ = try? flow.sandbox.admin("POST", "/__sandbox/graph/usage/reset", "{}") }
        let id = try #require(try flow.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        try flow.clearAllGraphPauses()   // no rate-limit pause of an earlier test in the way
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

/// Hashtag search through an account connected with Facebook Login.
extension ConnectedAccountTests {
    @Test func hashtagSearchAnswersTopMediaAndTheWeeksRemainder() throws {
        let flow = try ConnectedAccountFlow()
        let id = try #require(try flow.connect(flavour: "facebook", account: "seoul.traveler").first?["account_id"] as? Int)
        let found = try flow.get("/api/sns/instagram/hashtags/search?account_id=\(id)&q=%23travel&limit=2")
        #expect(found.status == 200, "\(found.text)")
        #expect((found.json["hashtag"] as? [String: Any])?["name"] as? String == "travel")
        let media = try #require(found.json["media"] as? [[String: Any]])
        #expect(media.count == 2 && media.allSatisfy { ($0["caption"] as? String)?.lowercased().contains("#travel") == true })
        let remaining = try #require(found.json["hashtags_remaining_this_week"] as? Int)
        #expect(remaining < 30 && remaining == 30 - (found.json["hashtags_searched_this_week"] as? Int ?? -1))
        if let cursor = found.json["next_cursor"] as? String {
            let next = try flow.get("/api/sns/instagram/hashtags/search?account_id=\(id)&q=travel&limit=2&cursor=\(cursor)")
            #expect(next.json["hashtags_remaining_this_week"] as? Int == remaining, "a repeated hashtag does not count again")
            #expect((next.json["media"] as? [[String: Any]])?.first?["id"] as? String != media.first?["id"] as? String)
        }
        let bad = try flow.get("/api/sns/instagram/hashtags/search?account_id=\(id)&q=two%20words&type=old")
        bad.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect((bad.json["errors"] as? [String: Any])?.keys.sorted() == ["q", "type"])
        let instagram = try #require(try flow.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        try flow.get("/api/sns/instagram/hashtags/search?account_id=\(instagram)&q=travel").expectEnvelope(status: 422, code: "VALIDATION_ERROR")
    }
}

/// The code exchange's two documented shapes (Meta's `{"data":[…]}` and the flat one real answers have had).
extension ConnectedAccountTests {
    @Test func flatCodeExchangeAnswerConnectsToo() throws {
        let flow = try ConnectedAccountFlow()
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"flat_token_shape": true}"#)
        defer { _ = try? flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"flat_token_shape": false}"#) }
        let accounts = try flow.connect(flavour: "instagram", account: "bigstar")
        #expect(accounts.first?["username"] as? String == "bigstar" && accounts.first?["status"] as? String == "connected")
        #expect(accounts.first?["platform_user_id"] as? String == "17841400034567890")
    }
}
