import Foundation
import HTTPClient
import Testing

/// nginx's access log (`$INSTAGATE_HOME/log/nginx-access.log`): one JSON object per request with its fields,
/// never the Authorization header nor a query string; `/health` is not logged (README, "Logs").
@Suite(.threaded, .needsStack)
struct AccessLogTests {
    var logPath: String { "\(TestStack.home)/log/nginx-access.log" }

    /// The log's entries (nginx flushes its buffer within a second), polled until `condition` holds.
    func entries(until condition: ([[String: Any]]) -> Bool, seconds: Double = 30) -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        var parsed: [[String: Any]] = []
        repeat {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            parsed = text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            if condition(parsed) { return parsed }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return parsed
    }

    @Test func entriesHaveTheFieldsAndNoSecrets() throws {
        let secret = "s3cret\(UUID().uuidString.prefix(8))"
        let agent = "access-log-test-\(UUID().uuidString.prefix(8))"
        let answer = try TestHTTP().get("/api/me?token=\(secret)", headers: [("User-Agent", agent)])
        #expect(answer.status == 200)
        let id = try #require(answer.header("X-Request-ID"))
        let all = entries(until: { $0.contains { $0["request_id"] as? String == id } })
        let entry = try #require(all.first { $0["request_id"] as? String == id }, "request \(id) never logged")
        #expect(entry["path"] as? String == "/api/me", "no query string: \(entry)")
        #expect(entry["method"] as? String == "GET")
        #expect(entry["status"] as? Int == 200)
        #expect(entry["request_time"] is NSNumber && entry["upstream_response_time"] is String && entry["limit_req"] is String, "\(entry)")
        #expect(entry["remote_addr"] as? String == "127.0.0.1")
        #expect(entry["time"] is String && entry["bytes_sent"] is NSNumber)
        let raw = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        #expect(!raw.contains(secret), "a query string was logged")
        #expect(!raw.contains(TestStack.apiKey), "an API key was logged")
        #expect(!raw.contains("Bearer"), "an Authorization header was logged")
    }

    @Test func signedDownloadLinksAreLoggedWithoutTheirSignature() throws {
        let answer = try TestHTTP().get("/downloads/ABCDEFGHIJK/x.jpg?md5=SIGNATURE\(UUID().uuidString.prefix(6))&expires=1", key: nil)
        #expect(answer.status == 403)
        let id = try #require(answer.header("X-Request-ID"))
        let entry = entries(until: { $0.contains { $0["request_id"] as? String == id } }).first { $0["request_id"] as? String == id }
        #expect(entry?["path"] as? String == "/downloads/ABCDEFGHIJK/x.jpg", "\(entry ?? [:])")
        #expect(entry?["status"] as? Int == 403)
    }

    @Test func healthIsNotLogged() throws {
        let agent = "health-probe-\(UUID().uuidString.prefix(8))"
        for _ in 0..<5 { #expect(try TestHTTP().get("/health", key: nil, headers: [("User-Agent", agent)]).status == 200) }
        // Requests after it, each on a connection of its own (so every nginx worker's buffer gets one): once all
        // of them are in the log, a /health line would be there too.
        var markers: [String] = []
        for _ in 0..<8 {
            let answer = try TestHTTP().get("/", key: nil, headers: [("User-Agent", agent + "-marker")])
            markers.append(try #require(answer.header("X-Request-ID")))
        }
        let all = entries(until: { list in markers.allSatisfy { id in list.contains { $0["request_id"] as? String == id } } })
        #expect(markers.allSatisfy { id in all.contains { $0["request_id"] as? String == id } }, "the markers were logged")
        #expect(!all.contains { $0["user_agent"] as? String == agent }, "/health was logged")
        // No answered poll at all: NginxUpstreamErrorTests's second nginx (same log) answers /health with its own
        // 503 envelope, which an error page logs, and rightly so; a 200 is never logged.
        #expect(!all.contains { $0["path"] as? String == "/health" && ($0["status"] as? NSNumber)?.intValue == 200 })
    }
}
