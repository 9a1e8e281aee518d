import Foundation
import HTTPClient
import Testing

/// The downloader through nginx → responder → PostgreSQL → sandbox (issue 6).
@Suite("Downloads", .threaded, .serialized, .needsStackAndSandbox)
struct DownloadTests {
    let kit = DownloadTestKit()

    init() throws {
        try kit.resetLimits()
    }

    @Test("a photo: one JPEG served by nginx with its SHA-256, readable metadata, quota headers, then from storage")
    func photo() throws {
        let answer = try kit.download("photo-gyeongbokgung", extra: #","refresh":true"#)
        #expect(answer.status == 200, "\(answer.text.prefix(400))")
        #expect(answer.header("RateLimit-Limit") != nil && answer.header("RateLimit-Remaining") != nil)
        let json = answer.json
        #expect(json["media_type"] as? String == "photo")
        #expect(json["from_storage"] as? Bool == false)
        let files = DownloadTestKit.files(json)
        #expect(files.map { $0["kind"] as? String } == ["photo"])
        let name = try #require(files.first?["name"] as? String)
        #expect(name.hasSuffix("_\(try kit.shortcode("photo-gyeongbokgung")).jpg"))
        let file = try kit.fetch(try #require(json["media_url"] as? String))
        #expect(file.status == 200)
        #expect(file.header("Content-Type") == "image/jpeg")
        #expect(file.header("Content-Disposition")?.contains(name) == true)
        #expect(file.body.prefix(3) == [0xFF, 0xD8, 0xFF])
        #expect(DownloadTestKit.sha256(file.body) == files.first?["sha256"] as? String)
        #expect(Int64(file.body.count) == (files.first?["size"] as? NSNumber)?.int64Value)
        let metadata = try kit.fetch(try #require(json["metadata_url"] as? String))
        #expect(metadata.status == 200)
        #expect(metadata.text.contains("\"shortcode\""))
        #expect(!metadata.text.contains("\\u"), "metadata must be UTF-8, not ASCII-escaped")
        let again = try kit.download("photo-gyeongbokgung")
        #expect(again.status == 200)
        #expect(again.json["from_storage"] as? Bool == true)
    }

    @Test("a video comes with its thumbnail; nginx serves byte ranges of it")
    func videoWithThumbnail() throws {
        let answer = try kit.download("video-busan", extra: #","refresh":true"#)
        #expect(answer.status == 200, "\(answer.text.prefix(400))")
        let json = answer.json
        #expect(DownloadTestKit.files(json).map { $0["kind"] as? String } == ["video", "thumbnail"])
        let video = try kit.fetch(try #require(json["media_url"] as? String))
        #expect(video.header("Content-Type") == "video/mp4")
        #expect(Array(video.body[4..<8]) == Array("ftyp".utf8))
        let ranged = try kit.fetch(try #require(json["media_url"] as? String), headers: [("Range", "bytes=4-7")])
        #expect(ranged.status == 206)
        #expect(ranged.text == "ftyp")
        let thumbnail = try kit.fetch(try #require(json["thumbnail_url"] as? String))
        #expect(thumbnail.header("Content-Type") == "image/jpeg")
    }

    @Test("a mixed carousel keeps every item in order; img_index selects one")
    func carousel() throws {
        let answer = try kit.download("carousel-jeju", extra: #","refresh":true"#)
        #expect(answer.status == 200, "\(answer.text.prefix(400))")
        let files = DownloadTestKit.files(answer.json)
        #expect(files.map { $0["kind"] as? String } == ["photo", "video", "thumbnail", "photo"])
        #expect(files.map { ($0["index"] as? NSNumber)?.intValue } == [1, 2, 2, 3])
        #expect((answer.json["media_urls"] as? [String])?.count == 3)
        let code = try kit.shortcode("carousel-jeju")
        let one = try kit.post(#"{"url":"https://www.instagram.com/p/\#(code)/?img_index=2","single_item":true}"#)
        #expect(one.status == 200)
        #expect(DownloadTestKit.files(one.json).map { $0["kind"] as? String } == ["video", "thumbnail"])
        let missing = try kit.post(#"{"url":"https://www.instagram.com/p/\#(code)/","img_index":9,"refresh":true}"#)
        missing.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
    }

    @Test("a reel: product type clips, play count, reel URL")
    func reel() throws {
        let answer = try kit.download("reel-hangang", extra: #","refresh":true"#, path: "reel")
        #expect(answer.status == 200, "\(answer.text.prefix(400))")
        let metadata = try #require(answer.json["metadata"] as? [String: Any])
        #expect(metadata["product_type"] as? String == "clips")
        #expect(metadata["play_count"] is NSNumber)
        #expect((metadata["url"] as? String)?.contains("/reel/") == true)
        #expect((metadata["author"] as? [String: Any])?["username"] as? String == "seoul.traveler")
    }

    @Test("hidden likes are null, not 0")
    func hiddenLikes() throws {
        let answer = try kit.download("photo-namsan-hidden-likes", extra: #","refresh":true"#)
        #expect(answer.status == 200)
        let metadata = try #require(answer.json["metadata"] as? [String: Any])
        #expect(metadata["like_count"] is NSNull)
    }

    @Test("a deleted post is MEDIA_NOT_FOUND and nothing is recorded")
    func deleted() throws {
        let answer = try kit.download("photo-deleted")
        answer.expectEnvelope(status: 404, code: "MEDIA_NOT_FOUND")
        let code = try kit.shortcode("photo-deleted")
        try kit.http.get("/api/downloads/\(code)").expectEnvelope(status: 404, code: "NOT_FOUND")
        #expect(!FileManager.default.fileExists(atPath: DownloadTestKit.directory(code)))
    }

    // (Sessions are fresh ones: the world's first "sandbox.user" session was at times one that AnalysisTests had
    // created as expired or checkpointed, which made the session check answer 403 under the parallel suite.)
    @Test("a private post: LOGIN_REQUIRED anonymously, PRIVATE_MEDIA with a non-follower's session, files with a follower's")
    func privatePost() throws {
        let key = try TestStack.newKey()
        try kit.download("garden-roses", apiKey: key).expectEnvelope(status: 401, code: "LOGIN_REQUIRED")
        let saved = try kit.saveSession("sandbox.user", key: key)
        #expect(saved.status == 201, "\(saved.text.prefix(300))")
        try kit.download("garden-roses", apiKey: key).expectEnvelope(status: 403, code: "PRIVATE_MEDIA")
        #expect(try kit.saveSession("mina.kim", key: key).status == 201)
        let answer = try kit.download("garden-roses", apiKey: key, extra: #","session":"mina.kim""#)
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        #expect(DownloadTestKit.files(answer.json).count == 1)
    }

    @Test("malformed URLs are 422 naming the field and change nothing")
    func badURL() throws {
        for url in ["https://evil.com/p/BqvsDleB3lV/", "javascript:alert(1)", "https://www.instagram.com/explore/tags/seoul/", ""] {
            // (a profile URL is a profile download since issue 16: ProfileDownloadTests)
            let answer = try kit.post(#"{"url":"\#(url)"}"#)
            answer.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
            #expect((answer.json["errors"] as? [String: Any])?["url"] != nil)
        }
        try kit.post(#"{"url":"https://www.instagram.com/p/BqvsDleB3lV/","bogus":1}"#)
            .expectEnvelope(status: 422, code: "VALIDATION_ERROR")
    }
}
