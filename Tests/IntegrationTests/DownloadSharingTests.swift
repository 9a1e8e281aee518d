import Foundation
import Postgres
import Testing

/// More downloader promises through the stack: a post downloaded once is answered from storage to every API
/// user (one set of files, a history row each), and Instagram's CDN answering 429 during a download.
extension DownloadTests {
    @Test("two API users download one post: one set of files, a history row each, the second from storage")
    func sharedDownload() throws {
        let first = try TestStack.newKey(), second = try TestStack.newKey()
        let code = try kit.shortcode("photo-sea")
        let fresh = try kit.download("photo-sea", apiKey: first, extra: #","refresh":true"#)
        #expect(fresh.status == 200, "\(fresh.text.prefix(300))")
        #expect(fresh.json["from_storage"] as? Bool == false)
        let stored = try kit.download("photo-sea", apiKey: second)
        #expect(stored.status == 200, "\(stored.text.prefix(300))")
        #expect(stored.json["from_storage"] as? Bool == true, "the second user is answered from storage: \(stored.text.prefix(300))")
        // The same files (names and digests), and on disk only that one set (plus the metadata).
        let names = { (answer: [String: Any]) in DownloadTestKit.files(answer).compactMap { $0["name"] as? String }.sorted() }
        let digests = { (answer: [String: Any]) in DownloadTestKit.files(answer).compactMap { $0["sha256"] as? String }.sorted() }
        #expect(!names(fresh.json).isEmpty)
        #expect(names(fresh.json) == names(stored.json))
        #expect(digests(fresh.json) == digests(stored.json))
        #expect(digests(stored.json) == [DownloadTestKit.sha256(try kit.cdnFile("photo-sea", video: false))])
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: DownloadTestKit.directory(code)).sorted()
        #expect(onDisk == (names(fresh.json) + ["\(code)_metadata.json"]).sorted(), "\(onDisk)")
        let served = try kit.fetch(try #require(stored.json["media_url"] as? String))
        #expect(served.status == 200)
        #expect(served.body == (try kit.cdnFile("photo-sea", video: false)))
        // Each user has their own history row, in the API and in the table.
        for key in [first, second] {
            let item = try kit.http.get("/api/downloads/\(code)", key: key)
            #expect(item.status == 200, "\(item.text.prefix(300))")
            #expect((item.json["download"] as? [String: Any])?["status"] as? String == "completed")
        }
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        let users = [try userID(first), try userID(second)]
        let rows = try db.query("""
            SELECT user_id FROM downloads WHERE shortcode = \(code) AND user_id IN (\(users[0]), \(users[1])) ORDER BY user_id
            """).map { try $0.decode("user_id", as: Int64.self) }
        #expect(rows == users.sorted(), "one row per user: \(rows)")
    }

    @Test("Instagram's CDN answers 429 once: the file is fetched again and is the CDN's")
    func cdnRateLimitThatHeals() throws {
        let key = try TestStack.newKey()
        let index = 8 // c07.jpg: an image of this post only (other posts share some of its files)
        let path = try #require(try kit.item("carousel-ten", index)["image_cdn_path"] as? String
                                ?? kit.item("carousel-ten", index)["video_cdn_path"] as? String)
        let cdnPath = path.hasPrefix("/") ? path : "/" + path
        let before = try kit.lastRequestSequence()
        let id = try kit.fault(#"{"kind":"status","status":429,"count":1,"path":"\#(cdnPath)"}"#)
        defer { try? kit.removeFault(id) }
        let answer = try kit.download("carousel-ten", apiKey: key, extra: #","refresh":true"#)
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        #expect(try kit.firedFaults(after: before, path: cdnPath, kind: "status").count == 1, "the 429 was served")
        // Every file as served is what the answer says; the item that met the 429 is the CDN's file.
        let files = DownloadTestKit.files(answer.json)
        #expect(files.count >= 10, "\(files.count) files")
        for file in files {
            let served = try kit.fetch(try #require(file["url"] as? String))
            #expect(served.status == 200)
            #expect(DownloadTestKit.sha256(served.body) == file["sha256"] as? String, "\(file["name"] ?? "")")
        }
        let source = DownloadTestKit.sha256(try kit.cdnFile("carousel-ten", item: index, video: false))
        #expect(files.contains { $0["sha256"] as? String == source }, "item \(index) is the CDN's file")
    }

    @Test("Instagram's CDN keeps answering 429: RATE_LIMIT_EXCEEDED with Retry-After, no file kept")
    func cdnRateLimitThatPersists() throws {
        let key = try TestStack.newKey()
        let path = try #require(try kit.item("carousel-ten", 9)["image_cdn_path"] as? String
                                ?? kit.item("carousel-ten", 9)["video_cdn_path"] as? String)
        let cdnPath = path.hasPrefix("/") ? path : "/" + path
        let before = try kit.lastRequestSequence()
        let id = try kit.fault(#"{"kind":"status","status":429,"count":1000,"path":"\#(cdnPath)"}"#)
        defer { try? kit.removeFault(id) }
        let answer = try kit.download("carousel-ten", apiKey: key, extra: #","refresh":true"#)
        answer.expectEnvelope(status: 429, code: "RATE_LIMIT_EXCEEDED")
        #expect(answer.header("Retry-After").flatMap(Int.init).map { $0 > 0 } == true, "Retry-After: \(answer.header("Retry-After") ?? "none")")
        #expect(answer.status != 200, "a file that could not be fetched is not answered as a download")
        #expect(answer.json["success"] as? Bool == false)
        #expect(try kit.firedFaults(after: before, path: cdnPath, kind: "status").count >= 1)
        let code = try kit.shortcode("carousel-ten")
        try kit.http.get("/api/downloads/\(code)", key: key).expectEnvelope(status: 404, code: "NOT_FOUND")
        #expect(!FileManager.default.fileExists(atPath: "\(TestStack.home)/downloads/.partial/\(code)"))
    }
}
