import Foundation
import HTTPClient
import Postgres
import Testing

/// A big download interrupted by a worker's `kill -9` resumes from the part already on disk (issue 11, part 5):
/// the next attempt asks the CDN for a `Range` past byte 0 and the published file is the world's, byte for byte.
/// The stack's worker runs under a restart loop (deploy/lib.sh), as systemd's `Restart=` does in production.
extension DownloadTests {
    /// The pid of the worker whose lease holds the running download job of `code` (its owner is `host:pid/slot`).
    func downloadWorker(_ code: String, db: PostgresConnection) throws -> Int32? {
        let owner: String? = try db.query("""
            SELECT lease_owner FROM jobs WHERE kind = 'download' AND public_id = \(code) AND state = 'running'
            ORDER BY id DESC LIMIT 1
            """).first?.decodeIfPresent("lease_owner")
        return owner?.split(separator: "/").first?.split(separator: ":").last.flatMap { Int32($0) }
    }

    @Test("a worker killed mid-download: the next attempt continues with Range from the bytes on disk; the file is the world's")
    func killedWorkerResumesFromDisk() throws {
        let key = try TestStack.newKey()
        let code = try kit.shortcode("bench-32m")
        let world = try kit.cdnFile("bench-32m", video: true)
        try #require(world.count == 32 << 20, "the world's 32 MiB video")
        let path = try #require(try kit.item("bench-32m", 0)["video_cdn_path"] as? String)
        let videoPath = path.hasPrefix("/") ? path : "/" + path
        // The first GET crawls at 1 MB/s (about 34 s for the file): the kill lands mid-transfer on any machine.
        let since = try kit.lastRequestSequence()
        let id = try kit.fault(#"{"kind":"slow","bytes_per_second":1000000,"count":1,"method":"GET","path":"\#(videoPath)"}"#)
        defer { try? kit.removeFault(id) }
        let answer = try kit.download("bench-32m", apiKey: key, extra: #","refresh":true,"async":true"#)
        try #require(answer.status == 202, "\(answer.text.prefix(300))")

        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        var killedAt: Int64 = 0
        let end = Date().addingTimeInterval(60)
        while Date() < end, killedAt == 0 {
            let item = try kit.http.get("/api/downloads/\(code)", key: key).json["download"] as? [String: Any] ?? [:]
            let done = ((item["progress"] as? [String: Any])?["bytes_done"] as? NSNumber)?.int64Value ?? 0
            if done >= 3 << 20, let pid = try downloadWorker(code, db: db) {
                #expect(kill(pid, SIGKILL) == 0)
                killedAt = done
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        try #require(killedAt > 0, "the download never ran past 3 MiB in a worker")

        let item = try kit.waitForDownload(code, key: key, seconds: 120)
        #expect(item["status"] as? String == "completed", "\(item)")
        let gets = try kit.requests(after: since, path: videoPath).filter { $0["method"] as? String == "GET" }
        let ranges = gets.compactMap { $0["range"] as? String }
        let resumedFrom = ranges.compactMap { range in
            range.hasPrefix("bytes=") ? Int64(range.dropFirst(6).split(separator: "-").first ?? "") : nil
        }
        #expect(gets.first?["range"] == nil || gets.first?["range"] is NSNull, "the first attempt starts at byte 0")
        #expect(resumedFrom.contains { $0 >= killedAt - (1 << 20) && $0 > 0 },
                "a later attempt asks for a Range past 0 (killed at \(killedAt) bytes): \(ranges)")
        let video = try #require(DownloadTestKit.files(item).first { $0["kind"] as? String == "video" })
        let onDisk = try #require(FileManager.default.contents(atPath: "\(DownloadTestKit.directory(code))/\(video["name"] as? String ?? "")"))
        #expect(onDisk.count == world.count, "\(onDisk.count) bytes on disk, the world's video has \(world.count)")
        #expect(DownloadTestKit.sha256(Array(onDisk)) == DownloadTestKit.sha256(world), "the file on disk is the world's video")
        #expect(video["sha256"] as? String == DownloadTestKit.sha256(world))
        #expect(!FileManager.default.fileExists(atPath: "\(TestStack.home)/downloads/.partial/\(code)"))
    }
}
