import Foundation
import HTTPClient
import Testing

/// Big posts do not block a responder thread (issue 6 §7): a video above the size threshold, or a synchronous
/// download that runs into its deadline, is answered 202 and finished by `instagate work`.
extension DownloadTests {
    @Test("a video above INSTAGATE_DOWNLOAD_ASYNC_BYTES is answered 202 at once; the worker downloads it completely")
    func bigVideoGoesToTheWorker() throws {
        let key = try TestStack.newKey()
        let code = try kit.shortcode("bench-32m")
        let answer = try kit.download("bench-32m", apiKey: key, extra: #","refresh":true"#)
        #expect(answer.status == 202, "\(answer.text.prefix(300))")
        #expect(answer.json["reason"] as? String == "size")
        #expect(answer.json["job_id"] is NSNumber)
        #expect((answer.json["status_url"] as? String)?.hasSuffix("/api/downloads/\(code)") == true)
        let item = try kit.waitForDownload(code, key: key)
        #expect(item["status"] as? String == "completed", "\(item)")
        let files = DownloadTestKit.files(item)
        let video = try #require(files.first { $0["kind"] as? String == "video" })
        #expect((video["size"] as? NSNumber)?.int64Value == 32 << 20)
        let served = try kit.fetch(try #require(item["media_url"] as? String))
        #expect(served.body.count == 32 << 20)
        #expect(DownloadTestKit.sha256(served.body) == video["sha256"] as? String)
        #expect(!FileManager.default.fileExists(atPath: "\(TestStack.home)/downloads/.partial/\(code)"))
    }

    @Test("a synchronous download past its deadline is answered 202; the worker resumes it, nothing half visible")
    func deadlineFallsBackToTheWorker() throws {
        let key = try TestStack.newKey()
        let code = try kit.shortcode("igtv-2019")
        let videoPath = try #require(try kit.item("igtv-2019", 0)["video_cdn_path"] as? String)
        // The first GET of the video crawls at 1 KB/s: it cannot finish within the request's 1 s.
        let id = try kit.fault(#"{"kind":"slow","bytes_per_second":1000,"count":1,"method":"GET","path":"\#(videoPath)"}"#)
        defer { try? kit.removeFault(id) }
        let answer = try kit.download("igtv-2019", apiKey: key, extra: #","refresh":true,"wait":1"#)
        #expect(answer.status == 202, "\(answer.text.prefix(300))")
        #expect(answer.json["reason"] as? String == "deadline")
        // Served files are complete ones only: none, or those of an earlier download, each of its recorded size.
        let directory = DownloadTestKit.directory(code)
        let visible = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        #expect(!visible.contains { $0.hasSuffix(".part") }, "\(visible)")
        if let data = FileManager.default.contents(atPath: "\(directory)/\(code)_metadata.json"),
           let earlier = try JSONSerialization.jsonObject(with: data) as? [String: Any] {
            for file in DownloadTestKit.files(earlier) {
                let name = try #require(file["name"] as? String)
                let size = (try? FileManager.default.attributesOfItem(atPath: "\(directory)/\(name)"))?[.size] as? NSNumber
                #expect(size == file["size"] as? NSNumber, "\(name) is complete")
            }
        } else {
            #expect(!visible.contains { $0.hasSuffix(".mp4") }, "no video without its metadata: \(visible)")
        }
        let item = try kit.waitForDownload(code, key: key)
        #expect(item["status"] as? String == "completed", "\(item)")
        let video = try #require(DownloadTestKit.files(item).first { $0["kind"] as? String == "video" })
        let served = try kit.fetch(try #require(item["media_url"] as? String))
        #expect(served.body == (try kit.cdnFile("igtv-2019", video: true)))
        #expect(DownloadTestKit.sha256(served.body) == video["sha256"] as? String)
        // nginx sends the CDN's bytes (the sandbox answers X-Accel-Redirect): its access log shows the resumption.
        let log = (try? String(contentsOfFile: "\(TestStack.home)/log/sandbox-access.log", encoding: .utf8)) ?? ""
        let path = videoPath.split(separator: "?").first.map(String.init) ?? videoPath
        #expect(log.split(separator: "\n").contains { $0.contains(path) && $0.contains("\" 206 ") }, "the worker resumed with Range")
    }

    @Test("wait must be 1 to the configured deadline")
    func badWait() throws {
        try kit.download("photo-first", extra: #","wait":0"#).expectEnvelope(status: 422, code: "VALIDATION_ERROR")
    }
}
