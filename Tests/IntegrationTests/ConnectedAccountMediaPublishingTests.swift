import Foundation
import HTTPClient
import Testing

/// Stories, reels and carousels through nginx → responder → PostgreSQL → worker → the sandbox's Graph API (issue
/// 14): each published (video containers polled until the sandbox has processed them) and then downloadable
/// through the web API side, a 10-item mixed carousel, and bad media refused before anything reaches Meta with
/// every problem named. In the serialized `ConnectedAccountTests` suite, as the other publishing tests.
extension ConnectedAccountTests {
    @Test func publishingAReelThenDownloadingIt() throws { try MediaPublishingKit().aReelIsPublishedThenDownloadable() }
    @Test func publishingATenItemMixedCarouselThenDownloadingIt() throws { try MediaPublishingKit().aTenItemMixedCarouselIsPublishedThenDownloadable() }
    @Test func publishingAStoryThenDownloadingIt() throws { try MediaPublishingKit().aStoryIsPublishedThenDownloadable() }
    @Test func publishingBadMediaIsRefusedWithEveryProblemNamed() throws { try MediaPublishingKit().badMediaIsRefusedWithEveryProblemNamed() }
    @Test func publishingAVideoMetaRefusesFailsWithMetasCode() throws { try MediaPublishingKit().aVideoMetaRefusesFailsWithMetasCode() }
    @Test func publishingAVideoContainerThatExpiresFailsClearly() throws { try MediaPublishingKit().aVideoContainerThatExpiresFailsClearly() }
    @Test func publishingAScheduledReelIsIdempotentAndCancellable() throws { try MediaPublishingKit().aScheduledReelIsIdempotentAndCancellable() }
}

/// The publishing kit's account, and the world's files as signed sandbox CDN URLs.
struct MediaPublishingKit {
    let base: PublishingKit
    var flow: ConnectedAccountFlow { base.flow }
    var kit: DownloadTestKit { base.kit }

    init() throws { base = try PublishingKit() }

    /// A signed CDN URL of a world post's item (its video with `video`).
    func url(_ key: String, item: Int = 0, video: Bool = false) throws -> String {
        try #require(try flow.sandbox.admin("GET", "/__sandbox/cdn/url?post=\(key)&item=\(item)\(video ? "&video=1" : "")")["url"] as? String)
    }

    /// The 3-second MP4 of the world (v03: Meta's shortest reel).
    func video() throws -> String { try url("igtv-2019", video: true) }

    func post(_ path: String, _ body: String) throws -> HTTPClientResponse {
        try flow.http.postJSON("/api/sns/instagram/\(path)", body, key: flow.key)
    }

    /// Posts, waits until published, downloads the post by its shortcode: the download's answer.
    func publishAndDownload(_ path: String, _ body: String, reelPath: String = "p") throws -> (post: [String: Any], download: HTTPClientResponse) {
        let answer = try post(path, body)
        #expect(answer.status == 202, "\(answer.text)")
        let id = try #require(answer.json["id"] as? Int)
        let post = try base.wait(id, seconds: 120)
        #expect(post["state"] as? String == "published", "\(post)")
        let shortcode = try #require(post["shortcode"] as? String)
        let download = try kit.post(#"{"url":"https://www.instagram.com/\#(reelPath)/\#(shortcode)/"}"#)
        #expect(download.status == 200, "\(download.text.prefix(400))")
        return (post, download)
    }

    func aReelIsPublishedThenDownloadable() throws {
        let before = try kit.lastRequestSequence()
        let caption = "A reel by instagate \(UUID().uuidString.prefix(8))"
        let (post, download) = try publishAndDownload("reels", #"""
            {"account_id":\#(base.accountID),"video_url":"\#(try video())","caption":"\#(caption)","thumbnail_url":"\#(try url("photo-gyeongbokgung"))",
             "share_to_feed":false,"collaborators":["mina.kim"]}
            """#, reelPath: "reel")
        #expect(post["media_type"] as? String == "REELS" && (post["media"] as? [String: Any])?["cover_url"] != nil)
        let files = DownloadTestKit.files(download.json)
        let reel = try #require(files.first { $0["kind"] as? String == "video" })
        let bytes = try kit.fetch(try #require(reel["url"] as? String))
        let sent = try kit.cdnFile("igtv-2019", video: true)
        #expect(bytes.status == 200 && bytes.body == sent, "the published video is the one sent")
        let metadata = download.json["metadata"] as? [String: Any] ?? [:]
        #expect(metadata["product_type"] as? String == "clips" && metadata["caption"] as? String == caption, "\(metadata)")
        let created = try kit.requests(after: before, path: "/\(base.igUserID)/media").filter { $0["method"] as? String == "POST" }
        #expect(created.count == 2, "one container, one publish: \(created.count)")
    }

    func aTenItemMixedCarouselIsPublishedThenDownloadable() throws {
        // carousel-ten's photos (its items 2 and 6 are videos) and the 3-second video twice.
        let photos = [0, 1, 3, 4, 5, 7, 8, 9]
        var items: [String] = []
        var expected: [(key: String, item: Int, video: Bool)] = []
        for position in 0..<10 {
            if position == 2 || position == 6 {
                items.append(#"{"video_url":"\#(try video())"}"#)
                expected.append(("igtv-2019", 0, true))
            } else {
                let item = photos[expected.filter { !$0.video }.count]
                items.append(#"{"image_url":"\#(try url("carousel-ten", item: item))","alt_text":"Slide \#(position + 1)"}"#)
                expected.append(("carousel-ten", item, false))
            }
        }
        let caption = "Ten from instagate \(UUID().uuidString.prefix(8))"
        let (post, download) = try publishAndDownload("carousels", #"{"account_id":\#(base.accountID),"caption":"\#(caption)","hashtags":["seoul"],"items":[\#(items.joined(separator: ","))]}"#)
        #expect(post["media_type"] as? String == "CAROUSEL" && post["content"] as? String == caption + "\n\n#seoul")
        let files = DownloadTestKit.files(download.json).filter { $0["kind"] as? String != "thumbnail" }
        #expect(files.count == 10, "\(files.map { $0["kind"] ?? "" })")
        #expect(files.map { $0["kind"] as? String } == expected.map { $0.video ? "video" : "photo" })
        for (file, source) in zip(files, expected) {
            let served = try kit.fetch(try #require(file["url"] as? String))
            let original = try kit.cdnFile(source.key, item: source.item, video: source.video)
            #expect(served.body == original, "item \(file["index"] ?? "")")
        }
        #expect(try base.media(captioned: caption + "\n\n#seoul").count == 1, "one carousel, not ten posts")
    }

    func aStoryIsPublishedThenDownloadable() throws {
        let answer = try post("stories", #"{"account_id":\#(base.accountID),"image_url":"\#(try url("reel-hangang"))","text":"Backstage","user_tags":[{"username":"mina.kim"}]}"#)
        #expect(answer.status == 202, "\(answer.text)")
        let id = try #require(answer.json["id"] as? Int)
        let post = try base.wait(id, seconds: 120)
        #expect(post["state"] as? String == "published" && post["media_type"] as? String == "STORIES", "\(post)")
        let media = try #require(post["platform_post_id"] as? String)
        let profiles = ProfileTestKit()
        let key = try profiles.keyWithSession("storyfan")
        let job = try profiles.wait(try profiles.start("https://www.instagram.com/stories/bigstar/\(media)/", key: key), key: key)
        #expect(job["status"] as? String == "completed", "\(job["error"] ?? "")")
        #expect(ProfileTestKit.codes(job).count == 1)
    }

    /// How many posts this API user has on the account.
    func postCount() throws -> Int {
        try flow.get("/api/sns/instagram/posts?account_id=\(base.accountID)&limit=100").json["count"] as? Int ?? -1
    }

    func badMediaIsRefusedWithEveryProblemNamed() throws {
        let before = try kit.lastRequestSequence()
        let stored = try postCount()
        let missing = try url("photo-gyeongbokgung").replacingOccurrences(of: ".jpg", with: "x.jpg")
        let items = [
            #"{"image_url":"\#(try url("video-busan", video: true))"}"#,          // an MP4 as a photo
            #"{"image_url":"\#(try url("reel-hangang"))"}"#,                       // 720×1280: outside 4:5…1.91:1
            #"{"video_url":"\#(try url("photo-gyeongbokgung"))"}"#,               // a JPEG as a video
            #"{"video_url":"\#(try url("reel-hangang", video: true))","alt_text":"no"}"#, // 2 s, and alt text on a video
            #"{"image_url":"\#(missing)"}"#,                                       // not on the CDN
            #"{"image_url":"ftp://example.com/a.jpg"}"#,
        ]
        let answer = try post("carousels", #"{"account_id":\#(base.accountID),"share_to_feed":true,"items":[\#(items.joined(separator: ","))]}"#)
        #expect(answer.status == 422 && answer.json["error_code"] as? String == "VALIDATION_ERROR", "\(answer.text)")
        let errors = answer.json["errors"] as? [String: String] ?? [:]
        #expect(Set(errors.keys) == ["items[0].image_url", "items[1].image_url", "items[2].video_url", "items[3].video_url", "items[3].alt_text",
                                     "items[4].image_url", "items[5].image_url", "share_to_feed"], "\(errors)")
        #expect(errors["items[0].image_url"]?.contains("not a JPEG") == true)
        #expect(errors["items[1].image_url"]?.contains("720×1280") == true)
        #expect(errors["items[2].video_url"]?.contains("not an MP4") == true)
        #expect(errors["items[3].video_url"]?.contains("lasts 2 s") == true)
        #expect(errors["items[4].image_url"]?.contains("could not be fetched") == true)
        let reel = try post("reels", #"{"account_id":\#(base.accountID),"video_url":"\#(try video())","thumb_offset":3000,"alt_text":"x","image_url":"\#(try url("photo-gyeongbokgung"))"}"#)
        #expect(Set((reel.json["errors"] as? [String: String] ?? [:]).keys) == ["thumb_offset", "alt_text", "image_url"], "\(reel.text)")
        let story = try post("stories", #"{"account_id":\#(base.accountID),"image_url":"\#(try url("photo-gyeongbokgung"))","video_url":"\#(try video())","collaborators":["a"]}"#)
        #expect(Set((story.json["errors"] as? [String: String] ?? [:]).keys) == ["video_url", "collaborators"], "\(story.text)")
        // A wrong type does not hide the rest: the mistyped fields and the rules' problems come in one 422.
        let caption = String(repeating: "가", count: 2201)
        let mistyped = try post("reels", #"{"account_id":"\#(base.accountID)","share_to_feed":"yes","video_url":"ftp://example.com/v.mp4","caption":"\#(caption)"}"#)
        let named = mistyped.json["errors"] as? [String: String] ?? [:]
        #expect(Set(named.keys) == ["account_id", "share_to_feed", "video_url", "caption"], "\(mistyped.text)")
        #expect(named["account_id"] == "must be an integer" && named["share_to_feed"] == "must be a boolean", "\(named)")
        #expect(named["video_url"]?.contains("http(s) URL") == true && named["caption"]?.contains("2200") == true, "\(named)")
        let one = try post("carousels", #"{"account_id":\#(base.accountID),"items":[{"image_url":"\#(try url("photo-gyeongbokgung"))"}]}"#)
        #expect((one.json["errors"] as? [String: String])?["items"]?.contains("2 to 10") == true, "\(one.text)")
        let feed = try flow.http.postJSON("/api/sns/instagram/posts", #"{"account_id":\#(base.accountID),"image_url":"\#(try url("reel-hangang"))"}"#, key: flow.key)
        #expect((feed.json["errors"] as? [String: String])?["image_url"]?.contains("720×1280") == true, "a feed photo is judged too: \(feed.text)")
        let sent = try kit.requests(after: before, path: "/\(base.igUserID)/media").filter { $0["method"] as? String == "POST" }
        #expect(sent.isEmpty, "nothing reached Meta: \(sent)")
        #expect(try postCount() == stored, "nothing was stored")
    }

    func aVideoMetaRefusesFailsWithMetasCode() throws {
        // A host instagate may not fetch from (not a file host): only Meta judges the video, and refuses it once processed.
        let local = try url("reel-hangang", video: true)
        let parts = try #require(URLComponents(string: local))
        let elsewhere = local.replacingOccurrences(of: "\(parts.host ?? "")", with: "localhost")
        let answer = try post("reels", #"{"account_id":\#(base.accountID),"video_url":"\#(elsewhere)"}"#)
        #expect(answer.status == 202, "\(answer.text)")
        let id = try #require(answer.json["id"] as? Int)
        let post = try base.wait(id, seconds: 120)
        #expect(post["state"] as? String == "failed", "\(post)")
        let error = post["error"] as? [String: Any] ?? [:]
        #expect(error["code"] as? Int == 352 && error["subcode"] as? Int == 2207026, "\(error)")
        #expect((error["message"] as? String)?.contains("3 seconds to 15 minutes") == true)
    }

    func aScheduledReelIsIdempotentAndCancellable() throws {
        let key = "reel-\(UUID().uuidString)"
        let when = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))
        let body = #"{"account_id":\#(base.accountID),"video_url":"\#(try video())","caption":"Later","scheduled_at":"\#(when)"}"#
        let send = { (text: String) in
            try flow.http.send("POST", "/api/sns/instagram/reels", key: flow.key, headers: [("Content-Type", "application/json"), ("Idempotency-Key", key)],
                               body: Array(text.utf8))
        }
        let first = try send(body)
        #expect(first.status == 202 && first.json["state"] as? String == "scheduled" && first.json["media_type"] as? String == "REELS", "\(first.text)")
        let again = try send(body)
        #expect(again.status == 202 && again.json["id"] as? Int == first.json["id"] as? Int && again.header("Idempotent-Replayed") == "true")
        let other = try send(body.replacingOccurrences(of: "Later", with: "Sooner"))
        #expect(other.status == 422 && other.json["error_code"] as? String == "IDEMPOTENCY_KEY_REUSED", "\(other.text)")
        let id = try #require(first.json["id"] as? Int)
        let cancelled = try flow.http.send("DELETE", "/api/sns/instagram/posts/\(id)", key: flow.key)
        #expect(cancelled.status == 200 && cancelled.json["state"] as? String == "cancelled", "\(cancelled.text)")
    }

    func aVideoContainerThatExpiresFailsClearly() throws {
        _ = try flow.sandbox.admin("PUT", "/__sandbox/graph/limits", #"{"video_processing_seconds": 200000}"#)
        defer {
            _ = try? flow.sandbox.admin("PUT", "/__sandbox/graph/limits", #"{"video_processing_seconds": 2}"#)
            try? flow.resetGraphClock()
        }
        let answer = try post("reels", #"{"account_id":\#(base.accountID),"video_url":"\#(try video())","caption":"Never ready"}"#)
        let id = try #require(answer.json["id"] as? Int, "\(answer.text)")
        var progress = ""
        let end = Date().addingTimeInterval(60)
        while Date() < end && progress != "waiting for the container to finish" {
            progress = try flow.get("/api/sns/instagram/posts/\(id)").json["progress"] as? String ?? ""
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(progress == "waiting for the container to finish")
        try flow.advanceGraphClock(days: 1.01)
        let post = try base.wait(id, seconds: 90)
        #expect(post["state"] as? String == "failed", "\(post)")
        #expect((post["error"] as? [String: Any])?["message"] as? String == "The media container expired (24 hours) before it was published: post it again.")
        #expect(try base.media(captioned: "Never ready").isEmpty)
    }
}
