import Foundation
import HTTPClient
import Testing

/// Publishing through nginx → responder → PostgreSQL → worker → the sandbox's Graph API (issue 14): a photo
/// published end to end and then downloadable by its shortcode, bad input named with nothing sent, another user's
/// account, the publish whose answer is lost (never published twice), and the publishing limit. In the serialized
/// `ConnectedAccountTests` suite: the Graph sandbox's clock, forced codes, faults and limits are shared by all.
extension ConnectedAccountTests {
    @Test func publishingAPhotoThenDownloadingItByItsShortcode() throws { try PublishingKit().aPhotoIsPublishedThenDownloadableByItsShortcode() }
    @Test func publishingBadInputIsNamedFieldByFieldAndNothingIsSent() throws { try PublishingKit().badInputIsNamedFieldByFieldAndNothingIsSent() }
    @Test func publishingAfterALostAnswerIsNeverTwice() throws { try PublishingKit().aPublishWhoseAnswerIsLostIsNeverPublishedTwice() }
    @Test func publishingLimitIsAnsweredClearly() throws { try PublishingKit().thePublishingLimitIsAnsweredClearly() }
}

/// @bigstar connected through Instagram Login, and the steps the publishing tests repeat.
struct PublishingKit {
    let flow: ConnectedAccountFlow
    let kit = DownloadTestKit()
    let accountID: Int
    let igUserID: String

    init() throws {
        flow = try ConnectedAccountFlow()
        let account = try #require(try flow.connect(flavour: "instagram", account: "bigstar").first)
        accountID = try #require(account["account_id"] as? Int)
        igUserID = try #require(account["platform_user_id"] as? String)
    }

    func imageURL(_ key: String = "photo-gyeongbokgung") throws -> String {
        try #require(try flow.sandbox.admin("GET", "/__sandbox/cdn/url?post=\(key)&item=0")["url"] as? String)
    }

    func publish(caption: String, hashtags: String = "[]", key: String? = nil) throws -> HTTPClientResponse {
        try flow.http.postJSON("/api/sns/instagram/posts",
                               #"{"account_id":\#(accountID),"image_url":"\#(try imageURL())","caption":"\#(caption)","hashtags":\#(hashtags)}"#,
                               key: key ?? flow.key)
    }

    /// Polls the post until it is in one of `states` (at most `seconds`).
    func wait(_ id: Int, for states: Set<String> = ["published", "failed"], seconds: Double = 90) throws -> [String: Any] {
        var post: [String: Any] = [:]
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let answer = try flow.get("/api/sns/instagram/posts/\(id)")
            #expect(answer.status == 200 || answer.status == 429, "\(answer.text)")
            if answer.status == 200 { post = answer.json }
            if states.contains(post["state"] as? String ?? "") { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        return post
    }

    /// The account's media with this caption, as Meta lists them.
    func media(captioned caption: String) throws -> [[String: Any]] {
        let page = try flow.get("/api/sns/instagram/media?account_id=\(accountID)&limit=100")
        return (page.json["media"] as? [[String: Any]] ?? []).filter { $0["caption"] as? String == caption }
    }

    func aPhotoIsPublishedThenDownloadableByItsShortcode() throws {
        let caption = "Published by instagate \(UUID().uuidString.prefix(8))"
        let answer = try publish(caption: caption, hashtags: #"["instagate","seoul"]"#)
        #expect(answer.status == 202, "\(answer.text)")
        let id = try #require(answer.json["id"] as? Int)
        #expect(answer.json["state"] as? String == "queued" && answer.json["account_id"] as? Int == accountID)
        let post = try wait(id)
        #expect(post["state"] as? String == "published", "\(post)")
        let shortcode = try #require(post["shortcode"] as? String)
        #expect((post["permalink"] as? String)?.contains("/p/\(shortcode)/") == true && post["platform_post_id"] as? String != nil)
        let sent = caption + "\n\n#instagate #seoul"
        #expect(post["content"] as? String == sent)
        #expect(try media(captioned: sent).count == 1)
        let download = try kit.post(#"{"url":"https://www.instagram.com/p/\#(shortcode)/"}"#)
        #expect(download.status == 200, "\(download.text.prefix(400))")
        let file = try kit.fetch(try #require(download.json["media_url"] as? String))
        let original = try kit.cdnFile("photo-gyeongbokgung", video: false)
        #expect(file.status == 200 && file.body == original, "the published bytes are the image's")
    }

    func badInputIsNamedFieldByFieldAndNothingIsSent() throws {
        let before = try kit.lastRequestSequence()
        let tags = "[" + (1...31).map { "\"t\($0)\"" }.joined(separator: ",") + "]"
        let mentions = (1...21).map { "@u\($0)" }.joined(separator: " ")
        let answer = try flow.http.postJSON("/api/sns/instagram/posts",
                                            #"{"image_url":"ftp://x/y.jpg","caption":"\#(mentions) \#(String(repeating: "a", count: 2200))","hashtags":\#(tags)}"#,
                                            key: flow.key)
        #expect(answer.status == 422 && answer.json["error_code"] as? String == "VALIDATION_ERROR", "\(answer.text)")
        let errors = answer.json["errors"] as? [String: String] ?? [:]
        #expect(Set(errors.keys) == ["account_id", "image_url", "caption", "hashtags"], "\(errors)")
        #expect(errors["caption"]?.contains("20 @-mentions") == true && errors["caption"]?.contains("2200 characters") == true)
        let other = try TestStack.newKey()
        let foreign = try publish(caption: "not mine", key: other)
        #expect(foreign.status == 404, "another user's account is none: \(foreign.text)")
        let unknownPost = try flow.http.get("/api/sns/instagram/posts/1", key: other)
        #expect(unknownPost.status == 404)
        let sent = try kit.requests(after: before, path: "/\(igUserID)/media").filter { $0["method"] as? String == "POST" }
        #expect(sent.isEmpty, "nothing reached Meta: \(sent)")
    }

    func aPublishWhoseAnswerIsLostIsNeverPublishedTwice() throws {
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/faults",
                                   #"{"kind":"latency","after":true,"latency_ms":25000,"path":"/\#(igUserID)/media_publish","method":"POST","count":1}"#)
        defer { _ = try? flow.sandbox.admin("DELETE", "/__sandbox/graph/faults") }
        let caption = "Timed out but live \(UUID().uuidString.prefix(8))"
        let answer = try publish(caption: caption)
        let id = try #require(answer.json["id"] as? Int)
        let post = try wait(id, seconds: 120)
        #expect(post["state"] as? String == "published", "\(post)")
        #expect(try media(captioned: caption).count == 1, "one post, although the first publish answer was lost")
        #expect((post["platform_post_id"] as? String) == (try media(captioned: caption).first?["id"] as? String))
    }

    func thePublishingLimitIsAnsweredClearly() throws {
        _ = try flow.sandbox.admin("PUT", "/__sandbox/graph/limits", #"{"publishing_limit": 0}"#)
        defer { _ = try? flow.sandbox.admin("PUT", "/__sandbox/graph/limits", #"{"publishing_limit": 100}"#) }
        let caption = "Over the limit \(UUID().uuidString.prefix(8))"
        let id = try #require(try publish(caption: caption).json["id"] as? Int)
        let post = try wait(id, for: ["waiting_quota", "published", "failed"])
        #expect(post["state"] as? String == "waiting_quota", "\(post)")
        let error = post["error"] as? [String: Any] ?? [:]
        #expect(error["code"] as? Int == 9 && error["subcode"] as? Int == 2207042)
        #expect((error["message"] as? String)?.contains("publishing limit") == true)
        #expect(try media(captioned: caption).isEmpty)
    }
}
