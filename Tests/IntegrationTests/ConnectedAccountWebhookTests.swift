import Foundation
import HTTPClient
import Testing

/// Meta's calls to instagate, composed and signed by the sandbox as Meta signs them: the subscription check, a
/// signed event accepted and a tampered one refused, deauthorize and data deletion acting on the accounts.
/// (Part of the serialized `ConnectedAccountTests`: these change every API user's rows of an Instagram account.)
extension ConnectedAccountTests {
    @Test func webhookSubscriptionCheckEchoesTheChallengeOnlyForOurToken() throws {
        let http = TestHTTP()
        let token = try String(contentsOfFile: TestStack.home + "/graph-webhook-verify.token", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let ok = try http.get("/api/sns/instagram/webhook?hub.mode=subscribe&hub.verify_token=\(token)&hub.challenge=1158201444", key: nil)
        #expect(ok.status == 200 && ok.text == "1158201444")
        try http.get("/api/sns/instagram/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1", key: nil)
            .expectEnvelope(status: 403, code: "VERIFICATION_FAILED")
    }

    @Test func signedEventIsAcceptedAndATamperedOneRefused() throws {
        let flow = try ConnectedAccountFlow()
        let delivery = try flow.sandbox.admin("POST", "/__sandbox/graph/webhooks/event",
                                              #"{"username":"bigstar","field":"comments","value":{"id":"1786","text":"Love it"}}"#)
        let body = try #require(delivery["body"] as? String)
        let signature = try #require(delivery["signature"] as? String)
        let accepted = try flow.http.send("POST", "/api/sns/instagram/webhook", key: nil,
                                          headers: [("Content-Type", "application/json"), ("X-Hub-Signature-256", signature)], body: Array(body.utf8))
        #expect(accepted.status == 200 && accepted.json["event_id"] as? Int != nil, "\(accepted.text)")
        let tampered = body.replacingOccurrences(of: "Love it", with: "Hate it")
        try flow.http.send("POST", "/api/sns/instagram/webhook", key: nil,
                           headers: [("Content-Type", "application/json"), ("X-Hub-Signature-256", signature)], body: Array(tampered.utf8))
            .expectEnvelope(status: 403, code: "INVALID_SIGNATURE")
        try flow.http.send("POST", "/api/sns/instagram/webhook", key: nil, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
            .expectEnvelope(status: 403, code: "INVALID_SIGNATURE")
    }

    @Test func deauthorizeDisconnectsAndDataDeletionRemovesTheAccount() throws {
        let flow = try ConnectedAccountFlow()
        let id = try #require(try flow.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        let signed = try #require(try flow.sandbox.admin("POST", "/__sandbox/graph/webhooks/signed-request",
                                                         #"{"username":"bigstar","app_id":"990011223344556"}"#)["signed_request"] as? String)
        let form = { (value: String) in Array("signed_request=\(ConnectedAccountFlow.formEncode(value))".utf8) }
        let headers = [("Content-Type", "application/x-www-form-urlencoded")]
        try flow.http.send("POST", "/api/sns/instagram/deauthorize", key: nil, headers: headers, body: form(String(signed.dropFirst(2))))
            .expectEnvelope(status: 403, code: "INVALID_SIGNATURE")
        #expect(try flow.get("/api/sns/instagram/account/info?account_id=\(id)").status == 200)
        let deauthorized = try flow.http.send("POST", "/api/sns/instagram/deauthorize", key: nil, headers: headers, body: form(signed))
        #expect(deauthorized.status == 200 && (deauthorized.json["accounts_disconnected"] as? Int ?? 0) >= 1)
        let account = try #require((try flow.get("/api/sns/instagram/accounts").json["accounts"] as? [[String: Any]])?.first)
        #expect(account["status"] as? String == "reconnect_required" && account["status_reason"] as? String == "deauthorized at Meta")
        let deletion = try flow.http.send("POST", "/api/sns/instagram/data-deletion", key: nil, headers: headers, body: form(signed))
        let code = try #require(deletion.json["confirmation_code"] as? String)
        let url = try #require(deletion.json["url"] as? String)
        #expect(url == TestStack.baseURL + "/api/sns/instagram/data-deletion/status?code=\(code)")
        let status = try flow.http.get(String(url.dropFirst(TestStack.baseURL.count)), key: nil)
        #expect(status.json["status"] as? String == "completed" && (status.json["accounts_deleted"] as? Int ?? 0) >= 1)
        #expect(try flow.get("/api/sns/instagram/accounts").json["count"] as? Int == 0)
    }
}
