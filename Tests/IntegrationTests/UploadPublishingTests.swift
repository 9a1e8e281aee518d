import Foundation
import HTTPClient
import Testing

/// Publishing from uploads (issue 14) through nginx → responder → PostgreSQL → worker → the Graph sandbox, which fetches
/// each file at the signed /uploads/ link the job hands it: a feed photo and a reel, then downloaded back through the
/// web API side byte for byte; an upload of the wrong type or another user's is named in the 422.
extension ConnectedAccountTests {
    @Test func publishingAPhotoAndAReelFromUploads() throws { try UploadPublishingKit().aPhotoAndAReelFromUploadsArePublishedByteForByte() }
    @Test func publishingRefusesAnUploadOfTheWrongTypeOrUser() throws { try UploadPublishingKit().aWrongUploadIsNamed() }
    @Test func publishingAStoryAndACarouselFromUploads() throws { try UploadPublishingKit().aStoryAndACarouselFromUploadsArePublishedByteForByte() }
}

struct UploadPublishingKit {
    let media: MediaPublishingKit
    var base: PublishingKit { media.base }

    init() throws { media = try MediaPublishingKit() }

    /// A JPEG of the world with a comment segment of its own after SOI: still a whole JPEG, bytes no other file has.
    static func uniqueJPEG() throws -> [UInt8] {
        let jpeg = try UploadTests.fixture("c01.jpg")
        let text = Array("instagate upload \(UUID().uuidString)".utf8)
        let length = text.count + 2
        return [0xFF, 0xD8, 0xFF, 0xFE, UInt8(length >> 8), UInt8(length & 0xFF)] + text + jpeg.dropFirst(2)
    }

    /// The world's 3 s MP4 with a `free` box of its own at the end: still a whole MP4, bytes no other file has.
    static func uniqueMP4() throws -> [UInt8] {
        let text = Array("instagate upload \(UUID().uuidString)".utf8)
        let size = UInt32(text.count + 8)
        return try UploadTests.fixture("v03.mp4") + [UInt8(size >> 24), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF)]
            + Array("free".utf8) + text
    }

    func upload(_ bytes: [UInt8], _ type: String, key: String? = nil) throws -> String {
        let answer = try base.flow.http.send("POST", "/api/sns/instagram/uploads", key: key ?? base.flow.key,
                                             headers: [("Content-Type", type)], body: bytes)
        #expect(answer.status == 201, "\(answer.text.prefix(300))")
        return try #require(answer.json["upload_id"] as? String)
    }

    func aPhotoAndAReelFromUploadsArePublishedByteForByte() throws {
        let jpeg = try Self.uniqueJPEG(), mp4 = try Self.uniqueMP4()
        let photoID = try upload(jpeg, "image/jpeg"), videoID = try upload(mp4, "video/mp4")
        let caption = "From an upload \(UUID().uuidString.prefix(8))"
        let (_, photoDownload) = try media.publishAndDownload("posts", #"{"account_id":\#(base.accountID),"image_upload_id":"\#(photoID)","caption":"\#(caption)"}"#)
        let photoFile = try #require(DownloadTestKit.files(photoDownload.json).first)
        #expect(try media.kit.fetch(try #require(photoFile["url"] as? String)).body == jpeg, "the published photo is the uploaded file")

        let (reel, reelDownload) = try media.publishAndDownload("reels", #"""
            {"account_id":\#(base.accountID),"video_upload_id":"\#(videoID)","caption":"\#(caption) reel","share_to_feed":true}
            """#, reelPath: "reel")
        #expect(reel["media_type"] as? String == "REELS", "\(reel)")
        let video = try #require(DownloadTestKit.files(reelDownload.json).first { $0["kind"] as? String == "video" })
        #expect(try media.kit.fetch(try #require(video["url"] as? String)).body == mp4, "the published reel is the uploaded file")
        #expect(try base.media(captioned: caption).count == 1, "the sandbox's world shows the photo once")
    }

    func aStoryAndACarouselFromUploadsArePublishedByteForByte() throws {
        let storyJPEG = try Self.uniqueJPEG()
        let storyID = try upload(storyJPEG, "image/jpeg")
        let answer = try media.post("stories", #"{"account_id":\#(base.accountID),"image_upload_id":"\#(storyID)"}"#)
        #expect(answer.status == 202, "\(answer.text)")
        let story = try base.wait(try #require(answer.json["id"] as? Int), seconds: 60)
        #expect(story["state"] as? String == "published", "\(story)")
        let pk = try #require(story["platform_post_id"] as? String)
        let item = try #require(try base.liveStoryItems().first { "\($0["pk"] ?? "")" == pk }, "the story is live")
        let candidates = (item["image_versions2"] as? [String: Any])?["candidates"] as? [[String: Any]] ?? []
        let shown = try media.kit.fetch(try #require(candidates.first?["url"] as? String))
        #expect(shown.status == 200 && shown.body == storyJPEG, "the live story is the uploaded file")

        let jpeg = try Self.uniqueJPEG(), mp4 = try Self.uniqueMP4()
        let photoID = try upload(jpeg, "image/jpeg"), videoID = try upload(mp4, "video/mp4")
        let caption = "A carousel of uploads \(UUID().uuidString.prefix(8))"
        let (_, download) = try media.publishAndDownload("carousels", #"""
            {"account_id":\#(base.accountID),"caption":"\#(caption)","items":[{"image_upload_id":"\#(photoID)"},{"video_upload_id":"\#(videoID)"}]}
            """#)
        let files = DownloadTestKit.files(download.json).filter { $0["kind"] as? String != "thumbnail" }
        #expect(files.map { $0["kind"] as? String } == ["photo", "video"], "\(files)")
        for (file, sent) in zip(files, [jpeg, mp4]) {
            #expect(try media.kit.fetch(try #require(file["url"] as? String)).body == sent, "item \(file["index"] ?? "")")
        }
    }

    func aWrongUploadIsNamed() throws {
        let videoID = try upload(try Self.uniqueMP4(), "video/mp4")
        let other = try TestStack.newKey()
        let othersPhoto = try base.flow.http.send("POST", "/api/sns/instagram/uploads", key: other,
                                                 headers: [("Content-Type", "image/jpeg")], body: try Self.uniqueJPEG())
        let othersID = try #require(othersPhoto.json["upload_id"] as? String)
        let stored = try media.postCount()
        let answer = try base.flow.http.postJSON("/api/sns/instagram/carousels", #"""
            {"account_id":\#(base.accountID),"caption":"no","text":"no","items":[{"image_upload_id":"\#(videoID)"},{"image_upload_id":"\#(othersID)"},
             {"video_url":"ftp://x"}]}
            """#, key: base.flow.key)
        answer.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        let errors = answer.json["errors"] as? [String: Any] ?? [:]
        #expect(Set(errors.keys) == ["items[0].image_upload_id", "items[1].image_upload_id", "items[2].video_url", "text"],
                "one 422 names the uploads and the request's other problems: \(errors)")
        #expect((errors["items[0].image_upload_id"] as? String)?.contains("is a video") == true, "\(errors)")
        #expect((errors["items[1].image_upload_id"] as? String)?.contains("not a live upload of yours") == true, "\(errors)")
        // A good upload beside a bad field: the same 422, nothing stored, the upload not kept any longer.
        let photoID = try upload(try Self.uniqueJPEG(), "image/jpeg")
        let expires = try base.flow.get("/api/sns/instagram/uploads/\(photoID)").json["expires_at"] as? String
        let later = PublishingKit.rfc3339(Date().addingTimeInterval(20 * 86_400))
        let refused = try base.flow.http.postJSON("/api/sns/instagram/posts", #"""
            {"account_id":\#(base.accountID),"image_upload_id":"\#(photoID)","caption":"\#(String(repeating: "a", count: 2201))","scheduled_at":"\#(later)"}
            """#, key: base.flow.key)
        refused.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(Set((refused.json["errors"] as? [String: Any] ?? [:]).keys) == ["caption"], "\(refused.text)")
        #expect(try base.flow.get("/api/sns/instagram/uploads/\(photoID)").json["expires_at"] as? String == expires, "a refused post keeps no upload")
        #expect(try media.postCount() == stored, "nothing was stored")
    }
}
