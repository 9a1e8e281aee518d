import Foundation
import HTTPClient
import Synchronization
import Testing

/// Outbound pacing per Instagram session holds across processes: the responder's threads and an
/// `instagate download` process share the pacing rows in PostgreSQL (issue 6 §8).
extension DownloadTests {
    @Test("calls with one session from the responder and a CLI process at once are spaced INSTAGATE_SESSION_PACING apart")
    func pacingAcrossProcesses() throws {
        let interval = Double(ProcessInfo.processInfo.environment["INSTAGATE_SESSION_PACING"] ?? "") ?? 1
        try #require(interval >= 0.5, "needs the stack's session pacing on")
        let key = try TestStack.newKey()
        #expect(try kit.saveSession("mina.kim", key: key).status == 201)
        let pks = try ["garden-roses", "jun-secret", "garden-pond"].map { try #require(try kit.sandbox.post($0)["pk"] as? String) }
        let after = try kit.lastRequestSequence()
        let directory = NSTemporaryDirectory() + "instagate-pacing-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cliURL = "https://www.instagram.com/p/\(try kit.shortcode("garden-pond"))/"
        let statuses = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 3) { index in
            let kit = DownloadTestKit() // one HTTP client per thread
            let status: Int
            switch index {
            case 0: status = (try? kit.download("garden-roses", apiKey: key, extra: #","refresh":true,"session":"mina.kim""#).status) ?? -1
            case 1: status = (try? kit.download("jun-secret", apiKey: key, extra: #","refresh":true,"session":"mina.kim""#).status) ?? -1
            default: status = Int((try? TestStack.cli(["download", cliURL, "--out", directory, "--session", "mina.kim"]).status) ?? -1)
            }
            statuses.withLock { $0.append(status) }
        }
        #expect(statuses.withLock { $0.sorted() } == [0, 200, 403], "CLI 0, garden-roses 200, jun-secret PRIVATE_MEDIA 403")
        let calls = try kit.requests(after: after, path: "/api/v1/media/").filter { entry in
            entry["viewer"] as? String == "mina.kim" && pks.contains { (entry["path"] as? String)?.contains("/\($0)/") == true }
        }
        let times = calls.compactMap { ($0["time"] as? NSNumber)?.doubleValue }.sorted()
        #expect(times.count >= 3, "\(calls)")
        for (earlier, later) in zip(times, times.dropFirst()) {
            #expect(later - earlier >= interval - 0.05, "session calls \(later - earlier) s apart: \(times)")
        }
    }
}
