import Foundation
import HTTPClient
import Testing

/// Nothing short or broken is published (issue 11, part 2): a CDN whose `Content-Length` is 100 bytes short
/// (sandbox `wrong_length`, `delta: -100`) never replaces the good copy on `refresh`, and a file the CDN keeps
/// cutting is refused; the files on disk are compared with the world's bytes. In the serialized downloads suite.
extension DownloadTests {
    /// Every file of a post's directory on disk: name → SHA-256 of its bytes.
    func filesOnDisk(_ code: String) throws -> [String: String] {
        let directory = DownloadTestKit.directory(code)
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            let bytes = try #require(FileManager.default.contents(atPath: "\(directory)/\(name)"))
            files[name] = DownloadTestKit.sha256(Array(bytes))
        }
        return files
    }

    /// The user's history row of a post, without its links (they are signed afresh on every read).
    func historyRow(_ code: String, key: String) throws -> NSDictionary {
        var row = try #require(try kit.http.get("/api/downloads/\(code)", key: key).json["download"] as? [String: Any])
        for link in ["media_url", "media_urls", "thumbnail_url", "thumbnail_urls", "metadata_url", "expires_at", "files"] { row[link] = nil }
        return row as NSDictionary
    }

    @Test("a refresh whose CDN answers are 100 bytes short (wrong_length -100) is refused; the good copy and the row stay")
    func shortRefreshKeepsTheGoodCopy() throws {
        let key = try TestStack.newKey()
        let code = try kit.shortcode("video-busan")
        let world = try kit.cdnFile("video-busan", video: true)
        let good = try kit.download("video-busan", apiKey: key, extra: #","refresh":true"#)
        try #require(good.status == 200, "\(good.text.prefix(300))")
        let video = try #require(DownloadTestKit.files(good.json).first { $0["kind"] as? String == "video" }?["name"] as? String)
        let before = try filesOnDisk(code)
        #expect(before[video] == DownloadTestKit.sha256(world), "the good copy is the world's video")
        let row = try historyRow(code, key: key)

        let cdnPath = try #require(try kit.item("video-busan", 0)["video_cdn_path"] as? String)
        let path = cdnPath.hasPrefix("/") ? cdnPath : "/" + cdnPath
        let since = try kit.lastRequestSequence()
        let id = try kit.fault(#"{"kind":"wrong_length","path":"\#(path)","method":"GET","count":10,"delta":-100}"#)
        defer { try? kit.removeFault(id) }
        let refresh = try kit.download("video-busan", apiKey: key, extra: #","refresh":true"#)
        refresh.expectEnvelope(status: 502, code: "UPSTREAM_ERROR")
        #expect((refresh.json["message"] as? String)?.contains("size mismatch") == true, "a clear reason: \(refresh.text.prefix(300))")
        #expect(try kit.firedFaults(after: since, path: path, kind: "wrong_length").count >= 2, "the short answer was retried")

        // The files on disk are the good copy, byte for byte; the history row is as it was.
        let after = try filesOnDisk(code)
        #expect(after == before, "the files on disk changed: \(after) vs \(before)")
        let onDisk = try #require(FileManager.default.contents(atPath: "\(DownloadTestKit.directory(code))/\(video)"))
        #expect(onDisk.count == world.count, "\(onDisk.count) bytes on disk, the world's video has \(world.count)")
        #expect(DownloadTestKit.sha256(Array(onDisk)) == DownloadTestKit.sha256(world))
        #expect(try historyRow(code, key: key) == row, "the history row changed")
        #expect(!FileManager.default.fileExists(atPath: "\(TestStack.home)/downloads/.partial/\(code)"))
    }

    @Test("short answers that heal: the refresh is retried and publishes the world's exact bytes")
    func shortAnswersRetried() throws {
        let key = try TestStack.newKey()
        let code = try kit.shortcode("video-busan")
        let world = try kit.cdnFile("video-busan", video: true)
        let cdnPath = try #require(try kit.item("video-busan", 0)["video_cdn_path"] as? String)
        let path = cdnPath.hasPrefix("/") ? cdnPath : "/" + cdnPath
        let id = try kit.fault(#"{"kind":"wrong_length","path":"\#(path)","method":"GET","count":2,"delta":-100}"#)
        defer { try? kit.removeFault(id) }
        let answer = try kit.download("video-busan", apiKey: key, extra: #","refresh":true"#)
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        let file = try #require(DownloadTestKit.files(answer.json).first { $0["kind"] as? String == "video" })
        let onDisk = try #require(FileManager.default.contents(atPath: "\(DownloadTestKit.directory(code))/\(file["name"] as? String ?? "")"))
        #expect(Array(onDisk) == world, "\(onDisk.count) bytes on disk, the world's video has \(world.count)")
        #expect(file["sha256"] as? String == DownloadTestKit.sha256(world))
    }

    @Test("a photo the CDN always cuts by 100 bytes, its HEAD stating no size: refused by its structure (no EOI), nothing published")
    func cutPhotoRefusedByStructure() throws {
        let key = try TestStack.newKey()
        let code = try kit.shortcode("photo-slide-two")
        let existed = FileManager.default.fileExists(atPath: DownloadTestKit.directory(code))
        let before = existed ? try filesOnDisk(code) : [:]
        let cdnPath = try #require(try kit.item("photo-slide-two", 0)["image_cdn_path"] as? String)
        let path = cdnPath.hasPrefix("/") ? cdnPath : "/" + cdnPath
        // The HEAD fails (no size stated) and the GET's Content-Length agrees with its short body: only the
        // JPEG's missing end marker tells.
        let head = try kit.fault(#"{"kind":"status","status":500,"path":"\#(path)","method":"HEAD","count":50}"#)
        defer { try? kit.removeFault(head) }
        let id = try kit.fault(#"{"kind":"wrong_length","path":"\#(path)","method":"GET","count":50,"delta":-100}"#)
        defer { try? kit.removeFault(id) }
        let answer = try kit.download("photo-slide-two", apiKey: key, extra: #","refresh":true"#)
        answer.expectEnvelope(status: 502, code: "UPSTREAM_ERROR")
        #expect((answer.json["message"] as? String)?.contains("EOI") == true, "\(answer.text.prefix(300))")
        try kit.http.get("/api/downloads/\(code)", key: key).expectEnvelope(status: 404, code: "NOT_FOUND")
        #expect((existed ? try filesOnDisk(code) : [:]) == before, "nothing of the cut photo was published")
        #expect(!FileManager.default.fileExists(atPath: "\(TestStack.home)/downloads/.partial/\(code)"))
    }

    @Test("an asynchronous refresh that keeps failing leaves the stored files; the row is completed again, the failure in its error")
    func failedAsyncRefreshKeepsTheGoodCopy() throws {
        let key = try TestStack.newKey()
        let code = try kit.shortcode("photo-hangang")
        let good = try kit.download("photo-hangang", apiKey: key, extra: #","refresh":true"#)
        try #require(good.status == 200, "\(good.text.prefix(300))")
        let before = try filesOnDisk(code)
        let cdnPath = try #require(try kit.item("photo-hangang", 0)["image_cdn_path"] as? String)
        let path = cdnPath.hasPrefix("/") ? cdnPath : "/" + cdnPath
        let id = try kit.fault(#"{"kind":"status","status":500,"path":"\#(path)","count":200}"#)
        defer { try? kit.removeFault(id) }
        let queued = try kit.download("photo-hangang", apiKey: key, extra: #","refresh":true,"async":true"#)
        #expect(queued.status == 202, "\(queued.text.prefix(300))")
        let item = try kit.waitForDownload(code, key: key, seconds: 150)
        #expect(item["status"] as? String == "completed", "\(item)")
        #expect((item["error"] as? [String: Any])?["error_code"] as? String == "UPSTREAM_ERROR", "the failed refresh is told: \(item)")
        #expect(item["media_url"] is String, "the stored files are served")
        #expect(try filesOnDisk(code) == before, "the stored files changed")
    }
}
