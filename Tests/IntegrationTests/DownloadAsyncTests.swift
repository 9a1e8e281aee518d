import Foundation
import HTTPClient
import Testing

extension DownloadTests {
    @Test("async: 202 with a job id and a status URL; the worker downloads; the status shows bytes, then links")
    func asyncDownload() throws { // (not carousel-ten: SandboxCDNTests arms faults on its video)
        let key = try TestStack.newKey()
        let answer = try kit.download("bigstar-reel", apiKey: key, extra: #","async":true,"refresh":true"#)
        #expect(answer.status == 202, "\(answer.text.prefix(300))")
        #expect(answer.json["job_id"] is NSNumber)
        #expect(answer.json["reason"] as? String == "async", "\(answer.text.prefix(300))")
        let code = try kit.shortcode("bigstar-reel")
        #expect((answer.json["status_url"] as? String)?.hasSuffix("/api/downloads/\(code)") == true)
        let item = try kit.waitForDownload(code, key: key)
        #expect(item["status"] as? String == "completed", "\(item)")
        let progress = item["progress"] as? [String: Any] ?? [:]
        #expect((progress["bytes_done"] as? NSNumber)?.int64Value ?? 0 > 0)
        #expect(progress["bytes_done"] as? NSNumber == progress["bytes_total"] as? NSNumber)
        #expect((item["files"] as? [[String: Any]])?.count == 2)
        #expect(item["media_url"] is String)
        // The worker's files are the CDN's: the video and its thumbnail, fetched through nginx's signed links.
        let video = try kit.fetch(try #require(item["media_url"] as? String))
        #expect(video.status == 200)
        #expect(video.body == (try kit.cdnFile("bigstar-reel", video: true)), "the served video is the CDN's file")
        let thumbnail = try kit.fetch(try #require(item["thumbnail_url"] as? String))
        #expect(thumbnail.status == 200)
        #expect(thumbnail.body == (try kit.cdnFile("bigstar-reel", video: false)), "the served thumbnail is the CDN's image")
        for file in DownloadTestKit.files(item) {
            let kind = file["kind"] as? String ?? ""
            let body = kind == "video" ? video.body : thumbnail.body
            #expect(file["sha256"] as? String == DownloadTestKit.sha256(body), "\(kind): recorded SHA-256")
            #expect((file["size"] as? NSNumber)?.intValue == body.count, "\(kind): recorded size")
        }
    }
}
