import Foundation
import HTTPClient
import Testing

/// The daily limit holds across processes (issue 15): two responder processes of their own, sharing the stack's
/// PostgreSQL, receive 50 follows of one account at once with the limit set to 20.
@Suite("Action limits across processes", .threaded, .needsStackAndSandbox)
struct ActionConcurrencyTests {
    let kit = ActionTestKit()

    @Test("50 concurrent follows over two responders with a limit of 20: exactly 20 accepted, 20 new follows in the world")
    func limitHoldsAcrossTwoResponders() throws {
        let (key, _) = try kit.saved("bench.cinema")
        let base = try kit.generatedBase() + 80_000
        let followsBefore = try kit.follows(by: "bench.cinema").count
        let directory = NSTemporaryDirectory() + "instagate-actions-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let responders = try (0..<2).map { index in try TestResponder(log: "\(directory)/responder-\(index).log", extra: ["INSTAGATE_FOLLOW_LIMIT_PER_DAY": "20"]) }
        defer { responders.forEach { $0.stop() } }
        for responder in responders { try #require(responder.waitUntilReady(), "responder never answered: \(responder.logText)") }

        let requests = try (0..<50).map { index -> Process in
            let body = #"{"username":"bench.cinema","target_user_id":"\#(base + UInt64(index))"}"#
            return try responders[index % 2].start(post: "/api/instagram/follow", body: body, key: key)
        }
        let answers = requests.map { process -> String in
            let text = String(decoding: (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text
        }
        let accepted = answers.filter { $0.hasPrefix("Status: 200") }
        let limited = answers.filter { $0.hasPrefix("Status: 429") && $0.contains("RATE_LIMIT_EXCEEDED") }
        #expect(accepted.count == 20, "accepted \(accepted.count): \(answers.filter { !$0.hasPrefix("Status: 200") && !$0.hasPrefix("Status: 429") }.prefix(3))")
        #expect(limited.count == 30, "limited \(limited.count)")
        #expect(limited.allSatisfy { $0.contains("Retry-After:") && $0.contains("RateLimit-Remaining: 0") })
        #expect(try kit.follows(by: "bench.cinema").count - followsBefore == 20, "new follows in the sandbox's world")
        #expect(try kit.used("bench.cinema", "follow", key: key) == 20)
    }
}

extension ActionConcurrencyTests {
    @Test("actions of one account from two responders at once are spaced INSTAGATE_ACTION_GAP apart")
    func gapHoldsAcrossResponders() throws {
        let agent = "ActionTests-gap/1"
        let (key, _) = try kit.saved("mina.kim", userAgent: agent)
        let base = try kit.generatedBase() + 81_000
        let directory = NSTemporaryDirectory() + "instagate-gap-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let responders = try (0..<2).map { try TestResponder(log: "\(directory)/r\($0).log", extra: ["INSTAGATE_ACTION_GAP": "1"]) }
        defer { responders.forEach { $0.stop() } }
        for responder in responders { try #require(responder.waitUntilReady(), "responder never answered: \(responder.logText)") }
        let before = try kit.lastRequestSequence()
        let requests = try (0..<3).map { index in
            try responders[index % 2].start(post: "/api/instagram/follow",
                                            body: #"{"username":"mina.kim","target_user_id":"\#(base + UInt64(index))"}"#, key: key)
        }
        let answers = requests.map { process -> String in
            let text = String(decoding: (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text
        }
        #expect(answers.allSatisfy { $0.hasPrefix("Status: 200") }, "\(answers.map { $0.prefix(200) })")
        let times = try kit.requests(after: before, path: "/api/v1/web/friendships/")
            .filter { $0["user_agent"] as? String == agent }.compactMap { ($0["time"] as? NSNumber)?.doubleValue }.sorted()
        #expect(times.count == 3)
        for (earlier, later) in zip(times, times.dropFirst()) {
            #expect(later - earlier >= 0.95, "two actions \(later - earlier) s apart: \(times)")
        }
    }
}

extension ActionConcurrencyTests {
    @Test("50 concurrent follows through nginx with the account's own limit set to 20: exactly 20 accepted and 20 new follows")
    func ownLimitHoldsThroughNginx() throws {
        let (key, _) = try kit.saved("hidden.garden")
        let set = try kit.http.send("PUT", "/api/instagram/limits/hidden.garden", key: key,
                                    headers: [("Content-Type", "application/json")], body: Array(#"{"follow":20}"#.utf8))
        #expect(set.status == 200, "\(set.text.prefix(300))")
        #expect(try kit.limits("hidden.garden", key: key)["follow"]?["limit"] as? Int == 20)
        let tooHigh = try kit.http.send("PUT", "/api/instagram/limits/hidden.garden", key: key,
                                        headers: [("Content-Type", "application/json")], body: Array(#"{"follow":201,"like":-1}"#.utf8))
        tooHigh.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(Set((tooHigh.json["errors"] as? [String: Any] ?? [:]).keys) == ["follow", "like"])
        let base = try kit.generatedBase() + 82_000
        let followsBefore = try kit.follows(by: "hidden.garden").count
        let bodies = (0..<50).map { #"{"username":"hidden.garden","target_user_id":"\#(base + UInt64($0))"}"# }
        let answers = try CurlParallel.post("/api/instagram/follow", bodies: bodies, key: key, from: "127.0.0.5")
        let statuses = answers.map(\.status)
        #expect(statuses.filter { $0 == 200 }.count == 20, "\(statuses.sorted())")
        #expect(statuses.filter { $0 == 429 }.count == 30, "\(answers.filter { $0.status != 200 && $0.status != 429 }.prefix(2))")
        #expect(try kit.follows(by: "hidden.garden").count - followsBefore == 20)
        #expect(try kit.used("hidden.garden", "follow", key: key) == 20)
    }
}
