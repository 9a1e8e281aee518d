import Foundation
import Testing

/// The upstream bulkhead's deferral (README, `INSTAGATE_UPSTREAM_THREADS`): when every responder thread allowed to
/// wait on Instagram is taken, `POST /api/download` is answered 202 with a job (`reason: busy`) at once, and the
/// worker downloads the post. A responder of the test's own has two threads, one of which may wait on Instagram.
extension DownloadTests {
    @Test("with every upstream thread taken, POST /api/download is answered 202 busy at once; the worker downloads it")
    func fullBulkheadDefersWithBusy() throws {
        let directory = NSTemporaryDirectory() + "instagate-busy-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let responder = try TestResponder(log: "\(directory)/r.log", extra: ["INSTAGATE_THREADS": "2", "INSTAGATE_UPSTREAM_THREADS": "1"])
        defer { responder.stop() }
        try #require(responder.waitUntilReady(), "responder never answered: \(responder.logText)")
        let key = try TestStack.newKey()

        // The one upstream thread: a download whose image crawls at 1 KB/s holds it until its deadline.
        let image = try #require(try kit.item("bigstar-photo", 0)["image_cdn_path"] as? String)
        let imagePath = String(image.split(separator: "?").first ?? "")
        let before = try kit.lastRequestSequence()
        let id = try kit.fault(#"{"kind":"slow","bytes_per_second":1000,"count":1,"method":"GET","path":"\#(imagePath)"}"#)
        defer { try? kit.removeFault(id) }
        let holdCode = try kit.shortcode("bigstar-photo")
        let holder = try responder.start(post: "/api/download", body: #"{"url":"https://www.instagram.com/p/\#(holdCode)/","refresh":true}"#, key: key)
        defer { if holder.isRunning { holder.terminate() }; holder.waitUntilExit() }
        // It holds the thread once the crawling transfer has begun (the sandbox logs the slowed GET).
        let end = Date().addingTimeInterval(60)
        while try kit.firedFaults(after: before, path: imagePath, kind: "slow").isEmpty && Date() < end && holder.isRunning {
            Thread.sleep(forTimeInterval: 0.1)
        }
        guard holder.isRunning else {
            let early = try responder.answer(holder)
            Issue.record("the holding download ended before the busy request: \(early.prefix(300))")
            return
        }

        let code = try kit.shortcode("photo-first")
        let busy = try responder.answer(try responder.start(post: "/api/download", body: #"{"url":"https://www.instagram.com/p/\#(code)/","refresh":true}"#, key: key))
        #expect(holder.isRunning, "answered while the upstream thread was still taken")
        #expect(busy.hasPrefix("Status: 202"), "\(busy.prefix(400))")
        let body = busy.range(of: "\r\n\r\n").map { String(busy[$0.upperBound...]) } ?? ""
        let json = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        #expect(json["reason"] as? String == "busy", "\(body.prefix(300))")
        #expect(json["job_id"] is NSNumber, "\(body.prefix(300))")

        // The worker downloads it: the served file is the CDN's.
        let item = try kit.waitForDownload(code, key: key)
        #expect(item["status"] as? String == "completed", "\(item)")
        let served = try kit.fetch(try #require(item["media_url"] as? String))
        #expect(served.body == (try kit.cdnFile("photo-first", video: false)))
    }
}
