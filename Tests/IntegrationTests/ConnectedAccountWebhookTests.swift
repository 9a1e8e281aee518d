import Foundation
import HTTPClient
import Testing

/// Meta's calls to instagate made by the sandbox itself, through nginx, as Meta makes them: the subscription
/// check (`hub.challenge`) before a callback URL is kept, signed events (`X-Hub-Signature-256` over the raw
/// body, which nginx must pass unchanged for the check to hold), redelivery until answered 2xx, and the deauthorize
/// and data-deletion callbacks after a user removes the app or asks for deletion on the sandbox's side. A tampered
/// event, sent by the test as an attacker would, is refused. (Part of the serialized `ConnectedAccountTests`: these
/// change every API user's rows of an Instagram account.)
extension ConnectedAccountTests {
    static let instagramApp = ConnectedAccountFlow.apps["instagram"]!

    var verifyToken: String {
        get throws {
            try String(contentsOfFile: TestStack.home + "/graph-webhook-verify.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Subscribes the Instagram app's callbacks to instagate (the sandbox checks the callback first); short retries.
    func subscribeInstagate(_ flow: ConnectedAccountFlow, retries: [Double] = [0.2, 0.5]) throws {
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/webhooks/retry-delays", #"{"seconds": \#(retries)}"#)
        let subscribed = try flow.sandbox.admin("POST", "/__sandbox/graph/apps/\(Self.instagramApp)/webhooks", """
            {"callback_url": "\(TestStack.baseURL)/api/sns/instagram/webhook", "verify_token": "\(try verifyToken)",
             "deauthorize_url": "\(TestStack.baseURL)/api/sns/instagram/deauthorize",
             "data_deletion_url": "\(TestStack.baseURL)/api/sns/instagram/data-deletion"}
            """)
        #expect(subscribed["callback_url"] as? String == TestStack.baseURL + "/api/sns/instagram/webhook", "\(subscribed)")
    }

    /// The sandbox's record of a delivery once it is no longer pending (at most 20 s).
    func finishedDelivery(_ flow: ConnectedAccountFlow, _ id: Int) throws -> [String: Any] {
        for _ in 0..<100 {
            let list = try flow.sandbox.admin("GET", "/__sandbox/graph/webhooks/deliveries?id=\(id)")["deliveries"] as? [[String: Any]]
            if let delivery = list?.first, delivery["state"] as? String != "pending" { return delivery }
            Thread.sleep(forTimeInterval: 0.2)
        }
        Issue.record("delivery \(id) still pending")
        return [:]
    }

    /// The user removes the Instagram app at Meta, which ends an earlier test's webhook subscription of the account
    /// (instagate's deauthorize callback answered before going on).
    func removeApp(_ flow: ConnectedAccountFlow, _ username: String) throws {
        let removed = try flow.sandbox.admin("POST", "/__sandbox/graph/revoke", #"{"username":"\#(username)","app_id":"\#(Self.instagramApp)","reason":"app_removed"}"#)
        for id in removed["deliveries"] as? [Int] ?? [] { _ = try finishedDelivery(flow, id) }
    }

    static func statuses(_ delivery: [String: Any]) -> [Int] {
        (delivery["attempts"] as? [[String: Any]] ?? []).map { ($0["status"] as? NSNumber)?.intValue ?? -1 }
    }

    @Test func subscriptionIsKeptOnlyWhenInstagateEchoesTheChallenge() throws {
        let flow = try ConnectedAccountFlow()
        try subscribeInstagate(flow)
        let refused = try flow.sandbox.send("POST", "/__sandbox/graph/apps/\(Self.instagramApp)/webhooks", headers: [("Content-Type", "application/json")], body:
                                               #"{"callback_url": "\#(TestStack.baseURL)/api/sns/instagram/webhook", "verify_token": "not-ours"}"#)
        #expect(refused.status == 400 && refused.text.contains("answered 403"), "\(refused.status) \(refused.text)")
        let http = TestHTTP()
        try http.get("/api/sns/instagram/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1", key: nil)
            .expectEnvelope(status: 403, code: "VERIFICATION_FAILED")
    }

    /// Meta delivers an Instagram-Login account's events only once the account subscribed the app
    /// (`POST me/subscribed_apps`), which instagate does after each connect.
    @Test func theSandboxDeliversSignedEventsThroughNginxAndATamperedOneIsRefused() throws {
        let flow = try ConnectedAccountFlow()
        try subscribeInstagate(flow)
        // Meta's JSON escapes "/" and carries any text: the signature only holds if nginx passes the bytes as they are.
        let event = #"{"username":"bigstar","field":"comments","value":{"id":"1786","text":"Love it 🎉 — see https://example.com/a?b=c&d"}}"#
        try removeApp(flow, "bigstar")
        #expect(try flow.sandbox.admin("POST", "/__sandbox/graph/webhooks/event", event)["delivery"] is NSNull, "no delivery before the account subscribes")
        let account = try #require(try flow.connect(flavour: "instagram", account: "bigstar").first)
        #expect(account["webhook_subscribed"] as? Bool == true && account["webhook_fields"] as? [String] == ["comments", "story_insights"], "\(account)")
        let sent = try flow.sandbox.admin("POST", "/__sandbox/graph/webhooks/event", event)
        let body = try #require(sent["body"] as? String)
        #expect(body.contains(#"https:\/\/example.com\/a"#), "\(body)")
        let delivery = try finishedDelivery(flow, try #require(sent["delivery"] as? Int))
        #expect(delivery["state"] as? String == "delivered" && Self.statuses(delivery) == [200], "\(delivery)")
        let answer = try JSONSerialization.jsonObject(with: Data((delivery["response"] as? String ?? "").utf8)) as? [String: Any]
        #expect(answer?["event_id"] as? Int != nil, "instagate stored the event: \(delivery)")
        // An attacker replaying Meta's signature over other bytes.
        let signature = try #require(sent["signature"] as? String)
        let tampered = body.replacingOccurrences(of: "Love it", with: "Hate it")
        try flow.http.send("POST", "/api/sns/instagram/webhook", key: nil,
                           headers: [("Content-Type", "application/json"), ("X-Hub-Signature-256", signature)], body: Array(tampered.utf8))
            .expectEnvelope(status: 403, code: "INVALID_SIGNATURE")
        try flow.http.send("POST", "/api/sns/instagram/webhook", key: nil, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
            .expectEnvelope(status: 403, code: "INVALID_SIGNATURE")
    }

    /// A subscription Meta refuses does not fail the connect: the account says so, and the `graph_webhook_subscribe` job
    /// tries again with backoff (here Meta refuses its first try too) until the account is subscribed.
    @Test func aRefusedWebhookSubscriptionIsShownOnTheConnectedAccountAndRetriedByAJob() throws {
        let flow = try ConnectedAccountFlow()
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/faults", #"""
            {"kind":"status","status":400,"path":"/me/subscribed_apps","method":"POST","count":2,
             "body":"{\"error\":{\"message\":\"(#10) Application does not have permission for this action\",\"type\":\"OAuthException\",\"code\":10,\"fbtrace_id\":\"Af1\"}}"}
            """#)
        defer { _ = try? flow.sandbox.admin("DELETE", "/__sandbox/graph/faults") }
        try removeApp(flow, "seoul.traveler")
        let account = try #require(try flow.connect(flavour: "instagram", account: "seoul.traveler").first)
        #expect(account["status"] as? String == "connected" && account["webhook_subscribed"] as? Bool == false, "\(account)")
        #expect((account["webhook_error"] as? String)?.isEmpty == false && account["webhook_fields"] == nil, "\(account)")
        #expect(try !subscribedAccounts(flow).contains("seoul.traveler"))
        var listed: [String: Any] = [:]
        for _ in 0..<300 {
            listed = (try flow.get("/api/sns/instagram/accounts").json["accounts"] as? [[String: Any]])?.first ?? [:]
            if listed["webhook_subscribed"] as? Bool == true { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(listed["webhook_subscribed"] as? Bool == true && listed["webhook_error"] == nil
                && listed["webhook_fields"] as? [String] == ["comments", "story_insights"], "\(listed)")
        #expect(try subscribedAccounts(flow).contains("seoul.traveler"), "subscribed at Meta by the job's second try (its first was refused)")
    }

    /// Disconnecting an Instagram-Login account ends its webhook subscription at Meta
    /// (`DELETE /{ig-user-id}/subscribed_apps`): the app's subscription list no longer has it, and its events stop.
    /// Meta failing that call does not keep the account connected.
    @Test func disconnectingAnAccountEndsItsWebhookSubscription() throws {
        let flow = try ConnectedAccountFlow()
        try subscribeInstagate(flow)
        try removeApp(flow, "seoul.traveler") // earlier connections of the account: reconnect_required by the deauthorize callback
        defer { _ = try? flow.sandbox.admin("DELETE", "/__sandbox/graph/faults") }
        for metaFails in [true, false] {
            let account = try #require(try flow.connect(flavour: "instagram", account: "seoul.traveler").first)
            #expect(account["webhook_subscribed"] as? Bool == true, "\(account)")
            #expect(try subscribedAccounts(flow).contains("seoul.traveler"))
            let id = try #require(account["account_id"] as? Int), igUserID = try #require(account["platform_user_id"] as? String)
            if metaFails {
                _ = try flow.sandbox.admin("POST", "/__sandbox/graph/faults",
                                           #"{"kind":"status","status":500,"path":"/\#(igUserID)/subscribed_apps","method":"DELETE","count":5}"#)
            }
            let deleted = try flow.http.send("DELETE", "/api/sns/instagram/accounts/\(id)", key: flow.key)
            #expect(deleted.status == 200, "\(deleted.text)")
            #expect(try flow.get("/api/sns/instagram/accounts").json["count"] as? Int == 0)
            #expect(try subscribedAccounts(flow).contains("seoul.traveler") == metaFails, "Meta failing: \(metaFails)")
            _ = try flow.sandbox.admin("DELETE", "/__sandbox/graph/faults")
        }
        #expect(try flow.sandbox.admin("POST", "/__sandbox/graph/webhooks/event",
                                       #"{"username":"seoul.traveler","app_id":"\#(Self.instagramApp)","field":"comments","value":{"id":"10"}}"#)["delivery"] is NSNull)
    }

    /// Two API users connected one Instagram account through Instagram Login, and Meta keeps one subscription of the
    /// account to the app: the first to disconnect leaves it (the other's events would stop too), the last ends it.
    @Test func theWebhookSubscriptionEndsOnlyWithTheAccountsLastConnection() throws {
        let first = try ConnectedAccountFlow(), second = try ConnectedAccountFlow()
        try subscribeInstagate(first)
        try removeApp(first, "seoul.traveler") // earlier tests' connections of the account: no longer connected
        let mine = try #require(try first.connect(flavour: "instagram", account: "seoul.traveler").first?["account_id"] as? Int)
        let theirs = try #require(try second.connect(flavour: "instagram", account: "seoul.traveler").first?["account_id"] as? Int)
        #expect(try subscribedAccounts(first).contains("seoul.traveler"))
        #expect(try first.http.send("DELETE", "/api/sns/instagram/accounts/\(mine)", key: first.key).status == 200)
        #expect(try subscribedAccounts(first).contains("seoul.traveler"), "another API user's connection still needs the subscription")
        #expect(try second.get("/api/sns/instagram/accounts").json["count"] as? Int == 1)
        #expect(try second.http.send("DELETE", "/api/sns/instagram/accounts/\(theirs)", key: second.key).status == 200)
        #expect(try !subscribedAccounts(first).contains("seoul.traveler"), "the last connection ended it")
    }

    /// The usernames of the accounts subscribed to instagate's Instagram app, as the sandbox holds them.
    func subscribedAccounts(_ flow: ConnectedAccountFlow) throws -> [String] {
        let list = try flow.sandbox.admin("GET", "/__sandbox/graph/apps/\(Self.instagramApp)/subscribed-accounts")
        return (list["accounts"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }
    }

    @Test func anEventNotAnswered2xxIsDeliveredAgainUnchangedUntilTheTriesRunOut() throws {
        let flow = try ConnectedAccountFlow()
        let facebook = try #require(ConnectedAccountFlow.apps["facebook"])
        defer { _ = try? flow.sandbox.admin("POST", "/__sandbox/graph/apps/\(facebook)/webhooks", #"{"callback_url": ""}"#) }
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/webhooks/retry-delays", #"{"seconds": [0.1, 0.3]}"#)
        for (statuses, expected, state) in [([503, 500, 200], [503, 500, 200], "delivered"), ([500], [500, 500, 500], "failed")] {
            let receiver = try WebhookReceiver(statuses: statuses)
            defer { receiver.stop() }
            let subscribed = try flow.sandbox.send("POST", "/__sandbox/graph/apps/\(facebook)/webhooks", headers: [("Content-Type", "application/json")], body:
                                                      #"{"callback_url": "http://127.0.0.1:\#(receiver.port)/hook", "verify_token": "x"}"#)
            #expect(subscribed.status == 200, "\(subscribed.text)")
            let sent = try flow.sandbox.admin("POST", "/__sandbox/graph/webhooks/event",
                                              #"{"username":"seoul.traveler","app_id":"\#(facebook)","field":"mentions","value":{"media_id":"42"}}"#)
            let delivery = try finishedDelivery(flow, try #require(sent["delivery"] as? Int))
            #expect(delivery["state"] as? String == state && Self.statuses(delivery) == expected, "\(delivery)")
            let received = receiver.wait(for: expected.count)
            #expect(received.count == expected.count)
            #expect(received.allSatisfy { $0.body == Array((sent["body"] as? String ?? "").utf8) && $0.headers["x-hub-signature-256"] == sent["signature"] as? String },
                    "every try carries the same bytes and signature")
        }
    }

    /// Meta's own retry delays run on the Graph clock: the second try is at once, the third waits for a minute of Graph
    /// time, which moving the clock on gives it without a minute of real time.
    @Test func redeliveryWaitsForTheGraphClock() throws {
        let flow = try ConnectedAccountFlow()
        let facebook = try #require(ConnectedAccountFlow.apps["facebook"])
        defer { _ = try? flow.sandbox.admin("POST", "/__sandbox/graph/apps/\(facebook)/webhooks", #"{"callback_url": ""}"#) }
        defer { try? flow.resetGraphClock() }
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/webhooks/retry-delays", #"{"meta": true}"#)
        let receiver = try WebhookReceiver(statuses: [500, 503, 200])
        defer { receiver.stop() }
        let subscribed = try flow.sandbox.send("POST", "/__sandbox/graph/apps/\(facebook)/webhooks", headers: [("Content-Type", "application/json")], body:
                                                  #"{"callback_url": "http://127.0.0.1:\#(receiver.port)/hook", "verify_token": "x"}"#)
        #expect(subscribed.status == 200, "\(subscribed.text)")
        let sent = try flow.sandbox.admin("POST", "/__sandbox/graph/webhooks/event",
                                          #"{"username":"seoul.traveler","app_id":"\#(facebook)","field":"mentions","value":{"media_id":"43"}}"#)
        let id = try #require(sent["delivery"] as? Int)
        #expect(receiver.wait(for: 2).count == 2, "the first two tries at once")
        Thread.sleep(forTimeInterval: 0.3)
        let waiting = try flow.sandbox.admin("GET", "/__sandbox/graph/webhooks/deliveries?id=\(id)")["deliveries"] as? [[String: Any]]
        #expect(waiting?.first?["state"] as? String == "pending" && Self.statuses(waiting?.first ?? [:]) == [500, 503],
                "the third try waits for its minute: \(waiting ?? [])")
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/clock", #"{"advance_seconds": 61}"#)
        // Back to real time afterwards: a Graph clock left 61 s ahead made the next test's live stories look older than
        // ones posted before it, and a lost story's recovery (the story nearest the publish) took the wrong one.
        defer { try? flow.resetGraphClock() }
        let delivery = try finishedDelivery(flow, id)
        #expect(delivery["state"] as? String == "delivered" && Self.statuses(delivery) == [500, 503, 200], "\(delivery)")
        let times = (delivery["attempts"] as? [[String: Any]] ?? []).compactMap { ($0["at"] as? NSNumber)?.doubleValue }
        #expect(times.count == 3 && times[2] - times[1] >= 60, "a minute of Graph time between the second and third tries: \(times)")
    }

    @Test func removingTheAppAtMetaDisconnectsAndADeletionRequestRemovesTheAccount() throws {
        let flow = try ConnectedAccountFlow()
        try subscribeInstagate(flow)
        let id = try #require(try flow.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        // The user removes the app on Meta's side: the tokens stop working and Meta calls the deauthorize URL.
        let removed = try flow.sandbox.admin("POST", "/__sandbox/graph/revoke", #"{"username":"bigstar","reason":"app_removed"}"#)
        let deauthorize = try finishedDelivery(flow, try #require((removed["deliveries"] as? [Int])?.first))
        #expect(deauthorize["kind"] as? String == "deauthorize" && Self.statuses(deauthorize) == [200], "\(deauthorize)")
        let account = try #require((try flow.get("/api/sns/instagram/accounts").json["accounts"] as? [[String: Any]])?.first { $0["account_id"] as? Int == id })
        #expect(account["status"] as? String == "reconnect_required" && account["status_reason"] as? String == "deauthorized at Meta", "\(account)")
        // The user asks Meta to delete their data: instagate answers the status URL and code Meta shows them.
        let asked = try flow.sandbox.admin("POST", "/__sandbox/graph/webhooks/data-deletion", #"{"username":"bigstar"}"#)
        let deletion = try finishedDelivery(flow, try #require(asked["delivery"] as? Int))
        #expect(Self.statuses(deletion) == [200], "\(deletion)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data((deletion["response"] as? String ?? "").utf8)) as? [String: Any])
        let code = try #require(answer["confirmation_code"] as? String)
        #expect(answer["url"] as? String == TestStack.baseURL + "/api/sns/instagram/data-deletion/status?code=\(code)")
        let status = try flow.http.get("/api/sns/instagram/data-deletion/status?code=\(code)", key: nil)
        #expect(status.json["status"] as? String == "completed" && (status.json["accounts_deleted"] as? Int ?? 0) >= 1)
        #expect(try flow.get("/api/sns/instagram/accounts").json["count"] as? Int == 0)
    }

    /// A forged `signed_request` (its signature cut) changes nothing.
    @Test func aForgedSignedRequestIsRefused() throws {
        let flow = try ConnectedAccountFlow()
        let id = try #require(try flow.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        let signed = try #require(try flow.sandbox.admin("POST", "/__sandbox/graph/webhooks/signed-request",
                                                         #"{"username":"bigstar","app_id":"\#(Self.instagramApp)"}"#)["signed_request"] as? String)
        let body = Array("signed_request=\(ConnectedAccountFlow.formEncode(String(signed.dropFirst(2))))".utf8)
        for path in ["/api/sns/instagram/deauthorize", "/api/sns/instagram/data-deletion"] {
            try flow.http.send("POST", path, key: nil, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: body)
                .expectEnvelope(status: 403, code: "INVALID_SIGNATURE")
        }
        #expect(try flow.get("/api/sns/instagram/account/info?account_id=\(id)").status == 200)
    }
}
