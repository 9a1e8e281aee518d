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
        let code = try kit.shortcode("bigstar-reel")
        #expect((answer.json["status_url"] as? String)?.hasSuffix("/api/downloads/\(code)") == true)
        var item: [String: Any] = [:]
        for _ in 0..<120 {
            item = try kit.http.get("/api/downloads/\(code)", key: key).json["download"] as? [String: Any] ?? [:]
            if ["completed", "failed"].contains(item["status"] as? String ?? "") { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        #expect(item["status"] as? String == "completed", "\(item)")
        let progress = item["progress"] as? [String: Any] ?? [:]
        #expect((progress["bytes_done"] as? NSNumber)?.int64Value ?? 0 > 0)
        #expect(progress["bytes_done"] as? NSNumber == progress["bytes_total"] as? NSNumber)
        #expect((item["files"] as? [[String: Any]])?.count == 2)
        #expect(item["media_url"] is String)
    }
}
