import Foundation
import HTTPClient
import Testing

/// The media downloader's document (seed 000) replayed through nginx against the sandbox: its test cases
/// (reel, photo, carousel with `?img_index=1`, the metadata file, the rate limit), its endpoints (`GET /`,
/// `GET /health`, `GET /downloads/{shortcode}/{filename}`) and its URL formats. The document's shortcodes
/// (ABC123, XYZ789, DEF456) are placeholders: each case runs with a world post of the same type, and the
/// literal placeholder is replayed too.
@Suite(.needsStackAndSandbox)
struct DownloaderContractTests {
    let kit = DownloadTestKit()
    let documented: [String: FieldType] = ["media_url": .string, "thumbnail_url": .stringOrNull, "metadata_url": .string]

    init() throws {
        try kit.resetLimits() // the sandbox's anonymous budget is per address and the suite shares one
    }

    /// Test case 1: a reel. Video, thumbnail and metadata JSON; `media_url`, `thumbnail_url`, `metadata_url`,
    /// each a link that serves its file.
    @Test func reelExample() throws {
        let answer = try kit.download("reel-hangang", path: "reel")
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        let body = answer.json
        expectDocumented(body, documented.merging(["thumbnail_url": .string]) { $1 }, "POST /api/download (reel)")
        for field in ["media_url", "thumbnail_url", "metadata_url"] {
            let link = try #require(body[field] as? String)
            #expect(link.contains("/downloads/\(try kit.shortcode("reel-hangang"))/"), "\(field): \(link)")
            let file = try kit.fetch(link)
            #expect(file.status == 200 && !file.body.isEmpty, "GET \(field): \(file.status)")
        }
        let video = try kit.fetch(try #require(body["media_url"] as? String))
        #expect(video.header("Content-Type") == "video/mp4")
    }

    /// Test case 2: a photo. `thumbnail_url` is present and null ("no thumbnail").
    @Test func photoExample() throws {
        let answer = try kit.download("photo-sea")
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        expectDocumented(answer.json, documented.merging(["thumbnail_url": .null]) { $1 }, "POST /api/download (photo)")
        #expect(answer.text.contains(#""thumbnail_url":null"#) || answer.text.contains(#""thumbnail_url": null"#))
    }

    /// Test case 3: a carousel URL with `?img_index=1`: every item is downloaded, `media_urls` lists them all.
    @Test func carouselExample() throws {
        let code = try kit.shortcode("carousel-jeju")
        let answer = try kit.post(#"{"url":"https://www.instagram.com/p/\#(code)/?img_index=1"}"#)
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        expectDocumented(answer.json, documented.merging(["media_urls": .stringList]) { $1 }, "POST /api/download (carousel)")
        #expect((answer.json["media_urls"] as? [String])?.count == 3, "all three items: \(answer.json["media_urls"] ?? "none")")
    }

    /// Test case 4: the metadata file, `{shortcode}_metadata.json`: UTF-8 (Korean readable), the caption,
    /// hashtags, mentions and engagement figures.
    @Test func metadataExample() throws {
        let answer = try kit.download("photo-gyeongbokgung")
        #expect(answer.status == 200)
        let link = try #require(answer.json["metadata_url"] as? String)
        let code = try kit.shortcode("photo-gyeongbokgung")
        #expect(link.contains("/downloads/\(code)/\(code)_metadata.json"))
        let file = try kit.fetch(link)
        #expect(file.status == 200)
        #expect(file.text.contains("경복궁"), "Korean as UTF-8 text, not escaped")
        let metadata = try #require(try JSONSerialization.jsonObject(with: Data(file.body)) as? [String: Any])
        expectDocumented(metadata, ["caption": .string, "hashtags": .stringList, "mentions": .stringList, "like_count": .integer,
                                    "comment_count": .integer, "author": .object, "taken_at": .string], "metadata JSON")
        #expect((metadata["hashtags"] as? [String])?.contains("여행") == true)
        #expect((metadata["mentions"] as? [String])?.contains("mina.kim") == true)
    }

    /// The URL formats the document lists: without `www`, `/reel/`, with query parameters.
    @Test func urlFormats() throws {
        let photo = try kit.shortcode("photo-sea")
        for url in ["https://instagram.com/p/\(photo)/", "https://www.instagram.com/p/\(photo)/?utm_source=ig_web_copy_link"] {
            let answer = try kit.post(#"{"url":"\#(url)"}"#)
            #expect(answer.status == 200, "\(url): \(answer.text.prefix(200))")
        }
    }

    /// The document's literal placeholder URL: an error envelope naming what is wrong, never a 5xx.
    @Test func placeholderShortcode() throws {
        let answer = try kit.post(#"{"url":"https://www.instagram.com/reel/ABC123/"}"#)
        #expect([404, 422].contains(answer.status), "\(answer.status) \(answer.text.prefix(300))")
        #expect(answer.json["success"] as? Bool == false && answer.json["error_code"] is String)
    }

    /// Test case 5: of 15 rapid requests from one address the first 10 succeed and the rest are refused with
    /// 429 in the envelope with Retry-After (nginx: 10 a minute, burst 9), as the document expects.
    @Test func rateLimitExample() throws {
        let key = try TestStack.newKey()
        let http = TestHTTP(from: "127.0.0.250", timeout: 60)
        let code = try kit.shortcode("photo-sea")
        var statuses: [Int] = []
        for _ in 0..<15 {
            let answer = try http.postJSON("/api/download", #"{"url":"https://www.instagram.com/p/\#(code)/"}"#, key: key)
            statuses.append(answer.status)
            if answer.status == 429 {
                answer.expectEnvelope(status: 429, code: "RATE_LIMIT_EXCEEDED")
                #expect(answer.header("Retry-After") != nil)
            }
        }
        #expect(statuses.prefix(10).allSatisfy { $0 == 200 }, "the first 10 succeed: \(statuses)")
        #expect(statuses.filter { $0 == 429 }.count >= 4, "the rest are limited (one may pass on the 6 s refill): \(statuses)")
        #expect(statuses.allSatisfy { $0 == 200 || $0 == 429 }, "\(statuses)")
    }

    /// `GET /` (information and usage) and `GET /health`.
    @Test func rootAndHealth() throws {
        let root = try TestHTTP().get("/", key: nil)
        #expect(root.status == 200)
        expectDocumented(root.json, ["name": .string, "version": .string, "endpoints": .object], "GET /")
        let health = try TestHTTP().get("/health", key: nil)
        #expect(health.status == 200)
        expectDocumented(health.json, ["status": .oneOf(["ok"])], "GET /health")
    }
}
