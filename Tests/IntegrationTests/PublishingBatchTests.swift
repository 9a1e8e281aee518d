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
    @Test func publishingStoriesReelsAndCarouselsInBatchesAndDrafts() throws { try MediaPublishingKit().otherKindsTakeBatchesAndDrafts() }
}

extension MediaPublishingKit {
    func patch(_ id: Int, _ json: String) throws -> HTTPClientResponse { try base.send("PATCH", "/api/sns/instagram/posts/\(id)", json: json) }

    static func keys(_ answer: HTTPClientResponse) -> Set<String> { Set((answer.json["errors"] as? [String: Any] ?? [:]).keys) }

    /// `account_ids` and `draft` on /stories, /reels and /carousels answered as on /posts; a draft's edit checked by its
    /// kind's rules (nothing of it changed when refused, nothing sent to Meta before it is published).
    func otherKindsTakeBatchesAndDrafts() throws {
        let before = try kit.lastRequestSequence()
        let second = try base.secondAccount()
        let photos = #"[{"image_url":"\#(try url("carousel-ten"))"},{"image_url":"\#(try url("carousel-ten", item: 1))"}]"#
        let bad = try post("reels", #"{"account_ids":[\#(base.accountID),0,\#(base.accountID)],"video_url":"\#(try video())","alt_text":"x"}"#)
        bad.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(Self.keys(bad) == ["account_ids[1]", "account_ids[2]", "alt_text"], "\(bad.text)")
        let other = try ConnectedAccountFlow()
        let foreign = try #require(try other.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        let partly = try post("carousels", #"{"account_ids":[\#(base.accountID),\#(foreign)],"items":\#(photos)}"#)
        partly.expectEnvelope(status: 404, code: "NOT_FOUND")
        #expect(Self.keys(partly) == ["account_ids[1]"], "\(partly.text)")
        #expect(try postCount() == 0, "nothing stored for the account that was ours either")

        // A reel to two accounts as drafts: a draft each; an edit is checked by a reel's rules.
        let reels = try post("reels", #"{"account_ids":[\#(base.accountID),\#(second)],"draft":true,"video_url":"\#(try video())","caption":"Reel draft"}"#)
        #expect(reels.status == 202 && reels.json["count"] as? Int == 2, "\(reels.text)")
        let reelDrafts = (reels.json["posts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        #expect((reels.json["posts"] as? [[String: Any]] ?? []).allSatisfy { $0["state"] as? String == "draft" && $0["job_id"] == nil })
        let reel = try #require(reelDrafts.first)
        let refused = try patch(reel, #"{"thumb_offset":-1,"image_url":"\#(try url("photo-gyeongbokgung"))","account_id":1}"#)
        refused.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(Self.keys(refused) == ["thumb_offset", "image_url", "account_id"], "\(refused.text)")
        let moved = try patch(reel, #"{"share_to_feed":false,"caption":"Reel edited"}"#)
        #expect(moved.status == 200 && moved.json["content"] as? String == "Reel edited"
                && (moved.json["media"] as? [String: Any])?["share_to_feed"] as? Bool == false, "\(moved.text)")
        for id in reelDrafts { #expect(try base.send("DELETE", "/api/sns/instagram/posts/\(id)").json["state"] as? String == "cancelled") }

        // A carousel draft: edited by a carousel's rules, then published once.
        let caption = "Carousel draft \(UUID().uuidString.prefix(8))"
        let draft = try post("carousels", #"{"account_id":\#(base.accountID),"draft":true,"caption":"first","items":\#(photos)}"#)
        #expect(draft.status == 202 && draft.json["state"] as? String == "draft", "\(draft.text)")
        let id = try #require(draft.json["id"] as? Int)
        let badEdit = try patch(id, #"{"items":[{"image_url":"ftp://x"}],"text":"no","caption":"\#(String(repeating: "a", count: 2201))"}"#)
        badEdit.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(Self.keys(badEdit) == ["items", "items[0].image_url", "text", "caption"], "\(badEdit.text)")
        #expect(try flow.get("/api/sns/instagram/posts/\(id)").json["content"] as? String == "first", "a refused edit changes nothing")
        let edited = try patch(id, #"{"caption":"\#(caption)","location_id":"213385402"}"#)
        #expect(edited.status == 200 && (edited.json["media"] as? [String: Any])?["location_id"] as? String == "213385402", "\(edited.text)")
        let sent = try kit.requests(after: before, path: "/\(base.igUserID)/media").filter { $0["method"] as? String == "POST" }
        #expect(sent.isEmpty, "nothing of a refused request or a draft reached Meta: \(sent)")
        #expect(try base.send("POST", "/api/sns/instagram/posts/\(id)/publish").status == 202)

        // A story to both accounts at once: one post and job each, each published once.
        let stories = try post("stories", #"{"account_ids":[\#(base.accountID),\#(second)],"image_url":"\#(try url("reel-hangang"))","text":"Both"}"#)
        #expect(stories.status == 202 && stories.json["count"] as? Int == 2, "\(stories.text)")
        let storyIDs = (stories.json["posts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        let published = try storyIDs.map { try base.wait($0) }
        #expect(published.allSatisfy { $0["state"] as? String == "published" } && Set(published.compactMap { $0["platform_post_id"] as? String }).count == 2,
                "\(published)")
        #expect(try base.wait(id)["state"] as? String == "published")
        #expect(try base.media(captioned: caption).count == 1, "the carousel draft published once")
    }
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
