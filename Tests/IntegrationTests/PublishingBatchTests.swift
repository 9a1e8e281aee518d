import Foundation
import HTTPClient
import Testing

/// The same post to several connected accounts in one request, and drafts, through nginx → responder → PostgreSQL
/// → worker → the Graph sandbox (issue 14): one row and one job per account, each published once; bad ids named by
/// their index and another user's account a 404 naming it, with nothing stored or sent; the Idempotency-Key of a
/// batch; a draft checked, listed, edited, published later (once) or deleted, nothing of it sent to Meta before.
extension ConnectedAccountTests {
    @Test func publishingABatchPublishesOncePerAccount() throws { try PublishingKit().aBatchPublishesOncePerAccount() }
    @Test func publishingABadBatchIsNamedAndStoresNothing() throws { try PublishingKit().aBadBatchIsNamedAndStoresNothing() }
    @Test func publishingADraftIsEditedThenPublishedLater() throws { try PublishingKit().aDraftIsEditedThenPublishedLater() }
}

extension PublishingKit {
    /// @seoul.traveler connected for the same API user: its account_id.
    func secondAccount() throws -> Int {
        let accounts = try flow.connect(flavour: "instagram", account: "seoul.traveler")
        return try #require(accounts.first { $0["username"] as? String == "seoul.traveler" }?["account_id"] as? Int, "\(accounts)")
    }

    /// An account's media with this caption, as Meta lists them.
    func media(captioned caption: String, account: Int) throws -> [[String: Any]] {
        let page = try flow.get("/api/sns/instagram/media?account_id=\(account)&limit=100")
        return (page.json["media"] as? [[String: Any]] ?? []).filter { $0["caption"] as? String == caption }
    }

    func batch(_ ids: String, caption: String, extra: String = "", idempotencyKey: String? = nil, key: String? = nil) throws -> HTTPClientResponse {
        var headers = [("Content-Type", "application/json")]
        if let idempotencyKey { headers.append(("Idempotency-Key", idempotencyKey)) }
        let body = #"{"account_ids":\#(ids),"image_url":"\#(try imageURL())","caption":"\#(caption)"\#(extra)}"#
        return try flow.http.send("POST", "/api/sns/instagram/posts", key: key ?? flow.key, headers: headers, body: Array(body.utf8))
    }

    func aBatchPublishesOncePerAccount() throws {
        let second = try secondAccount()
        let caption = "Batch to two \(UUID().uuidString.prefix(8))"
        let idempotencyKey = UUID().uuidString
        let answer = try batch("[\(accountID),\(second)]", caption: caption, idempotencyKey: idempotencyKey)
        #expect(answer.status == 202 && answer.json["count"] as? Int == 2, "\(answer.text)")
        let posts = answer.json["posts"] as? [[String: Any]] ?? []
        #expect(posts.compactMap { $0["account_id"] as? Int } == [accountID, second], "one post per account, in order")
        #expect(Set(posts.compactMap { $0["job_id"] as? Int }).count == 2, "a job each")
        let replay = try batch("[\(accountID),\(second)]", caption: caption, idempotencyKey: idempotencyKey)
        #expect(replay.status == 202 && replay.header("Idempotent-Replayed") == "true" && replay.json["batch_id"] as? Int == answer.json["batch_id"] as? Int)
        try batch("[\(second),\(accountID)]", caption: caption, idempotencyKey: idempotencyKey).expectEnvelope(status: 422, code: "IDEMPOTENCY_KEY_REUSED")
        for post in posts {
            let id = try #require(post["id"] as? Int)
            let done = try wait(id)
            #expect(done["state"] as? String == "published" && (done["permalink"] as? String) != nil, "\(done)")
        }
        #expect(try media(captioned: caption, account: accountID).count == 1 && (try media(captioned: caption, account: second).count) == 1,
                "exactly one post on each account")
    }

    func aBadBatchIsNamedAndStoresNothing() throws {
        let before = try kit.lastRequestSequence()
        let bad = try batch("[\(accountID),0,\"x\",\(accountID)]", caption: "Bad batch")
        bad.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(Set((bad.json["errors"] as? [String: String] ?? [:]).keys) == ["account_ids[1]", "account_ids[2]", "account_ids[3]"], "\(bad.text)")
        // Another API user's account (@bigstar connected by them) is none of ours: named, and nothing is stored.
        let other = try ConnectedAccountFlow()
        let foreign = try #require(try other.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        let answer = try batch("[\(accountID),\(foreign)]", caption: "Partly foreign \(UUID().uuidString.prefix(8))")
        answer.expectEnvelope(status: 404, code: "NOT_FOUND")
        #expect(Set((answer.json["errors"] as? [String: String] ?? [:]).keys) == ["account_ids[1]"], "\(answer.text)")
        #expect(try flow.get("/api/sns/instagram/posts").json["count"] as? Int == 0, "nothing stored for the account that was ours either")
        #expect(try other.get("/api/sns/instagram/posts").json["count"] as? Int == 0)
        let sent = try kit.requests(after: before, path: "/\(igUserID)/media").filter { $0["method"] as? String == "POST" }
        #expect(sent.isEmpty, "nothing reached Meta: \(sent)")
    }

    func aDraftIsEditedThenPublishedLater() throws {
        let before = try kit.lastRequestSequence()
        let long = String(repeating: "a", count: 2201)
        let refused = try publish(caption: long, extra: #","draft":true"#)
        refused.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect((refused.json["errors"] as? [String: String])?["caption"] != nil, "a draft is checked as any post")
        let caption = "Drafted \(UUID().uuidString.prefix(8))"
        let created = try publish(caption: "first words", extra: #","draft":true"#)
        #expect(created.status == 202 && created.json["state"] as? String == "draft" && created.json["job_id"] == nil, "\(created.text)")
        let id = try #require(created.json["id"] as? Int)
        #expect(ids(try flow.get("/api/sns/instagram/posts?state=draft")) == [id])
        let edited = try send("PATCH", "/api/sns/instagram/posts/\(id)", json: #"{"caption":"\#(caption)"}"#)
        #expect(edited.status == 200 && edited.json["content"] as? String == caption && edited.json["state"] as? String == "draft", "\(edited.text)")
        let badEdit = try send("PATCH", "/api/sns/instagram/posts/\(id)", json: #"{"caption":"\#(long)","image_url":"ftp://x"}"#)
        badEdit.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(Set((badEdit.json["errors"] as? [String: String] ?? [:]).keys) == ["caption", "image_url"], "\(badEdit.text)")
        #expect(try flow.get("/api/sns/instagram/posts/\(id)").json["content"] as? String == caption, "a refused edit changes nothing")
        let other = try TestStack.newKey()
        try flow.http.send("POST", "/api/sns/instagram/posts/\(id)/publish", key: other).expectEnvelope(status: 404, code: "NOT_FOUND")
        let sentBefore = try kit.requests(after: before, path: "/\(igUserID)/media").filter { $0["method"] as? String == "POST" }
        #expect(sentBefore.isEmpty, "nothing of a draft reaches Meta: \(sentBefore)")
        let published = try send("POST", "/api/sns/instagram/posts/\(id)/publish")
        #expect(published.status == 202 && published.json["state"] as? String == "queued" && published.json["job_id"] as? Int != nil, "\(published.text)")
        let post = try wait(id)
        #expect(post["state"] as? String == "published", "\(post)")
        #expect(try media(captioned: caption).count == 1)
        try send("POST", "/api/sns/instagram/posts/\(id)/publish").expectEnvelope(status: 409, code: "POST_NOT_DRAFT")
        // Another draft is deleted: cancelled, never sent.
        let dropped = try #require(try publish(caption: "Dropped draft", extra: #","draft":true"#).json["id"] as? Int)
        #expect(try send("DELETE", "/api/sns/instagram/posts/\(dropped)").json["state"] as? String == "cancelled")
        try send("POST", "/api/sns/instagram/posts/\(dropped)/publish").expectEnvelope(status: 409, code: "POST_NOT_DRAFT")
        #expect(try media(captioned: "Dropped draft").isEmpty)
    }
}
