import Foundation
import HTTPClient
import Testing

/// nginx's per-IP limit_req zones answer 429 in the envelope with Retry-After. Each test has a source address of
/// its own (127.0.0.x), so the rest of the suite (from 127.0.0.1) neither helps nor hinders it, and what is
/// asserted follows from the zone's rate and burst and the measured time, not from how fast the stack is.
@Suite(.threaded, .needsStack)
struct RateLimitTests {
    /// The API zone of deploy/test: INSTAGATE_API_RATE=100r/s, INSTAGATE_API_BURST=200 (unless overridden).
    static var apiRate: Double { Double((TestStack.environment["INSTAGATE_API_RATE"] ?? "100r/s").prefix { $0.isNumber }) ?? 100 }
    static var apiBurst: Int { Int(TestStack.environment["INSTAGATE_API_BURST"] ?? "200") ?? 200 }

    @Test func burstOverTheAPIZoneIsRateLimited() throws {
        // 1,000 requests from 127.0.0.3, 300 connections at a time: nginx decides on each as it arrives (refused
        // ones cost nothing), so the burst is exhausted whatever the responder's speed. No key: the responder's
        // 401 is its cheapest answer, and the limit does not look at keys.
        let (answers, seconds) = try ParallelRequests.run(1000, "/api/me", from: "127.0.0.3")
        let limited = answers.filter { $0.status == 429 }
        let passed = answers.filter { $0.status == 401 }
        #expect(limited.count + passed.count == answers.count,
                "only 401 (passed) and 429 (limited): \(Dictionary(grouping: answers.map(\.status), by: { $0 }).mapValues(\.count))")
        let hit = try #require(limited.first, "1,000 requests at once never hit the API zone (\(seconds) s)")
        // The burst passes in full; beyond it only what the rate refilled during the run.
        #expect(passed.count >= Self.apiBurst + 1, "the burst of \(Self.apiBurst) (+1) passes: \(passed.count)")
        let refill = Int((Self.apiRate * seconds).rounded(.up)) + 2
        #expect(passed.count <= Self.apiBurst + 1 + refill, "\(passed.count) passed in \(seconds) s at \(Self.apiRate) r/s")
        #expect(limited.allSatisfy { $0.retryAfter == "1" }, "Retry-After of the API zone is 1 s: \(Set(limited.map(\.retryAfter)))")
        #expect(limited.allSatisfy { $0.requestID.count == 32 }, "every 429 has an X-Request-ID")
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(hit.body.utf8)) as? [String: Any], "\(hit.body)")
        #expect(envelope["success"] as? Bool == false)
        #expect(envelope["error_code"] as? String == "RATE_LIMIT_EXCEEDED")
        #expect(envelope["request_id"] as? String == hit.requestID)
        #expect(envelope["errors"] is [String: Any])
    }

    @Test func downloadZoneAllowsTenPerMinute() throws {
        // The strict zone: POST /api/download, 10 per minute per IP with a small burst. From 127.0.0.5.
        let http = TestHTTP(from: "127.0.0.5")
        let key = try TestStack.newKey()
        var statuses: [Int] = []
        var limited: HTTPClientResponse?
        let started = Date()
        for _ in 0..<14 {
            // An invalid URL: the responder refuses it at once (422), nginx has counted it all the same.
            let response = try http.postJSON("/api/download", #"{"url":"https://example.com/not-instagram/"}"#, key: key)
            statuses.append(response.status)
            if response.status == 429 { limited = response; break }
        }
        let elapsed = Date().timeIntervalSince(started)
        let refused = try #require(limited, "14 POSTs in a row were never limited: \(statuses)")
        refused.expectEnvelope(status: 429, code: "RATE_LIMIT_EXCEEDED")
        #expect(Int(refused.header("Retry-After") ?? "") ?? 0 >= 1)
        #expect(statuses.count >= 2 && statuses.count <= 13, "a burst passes first: \(statuses)")
        // The documented numbers: 10 at once (one more per 6 s that passed meanwhile), Retry-After 6 s.
        let passed = statuses.count - 1
        #expect(statuses.dropLast().allSatisfy { $0 == 422 }, "\(statuses)")
        #expect(passed >= 10 && passed <= 10 + Int(elapsed / 6), "10 at once (the run took \(elapsed) s): \(statuses)")
        #expect(refused.header("Retry-After") == "6")
        #expect((refused.json["message"] as? String)?.contains("6 s") == true, "\(refused.text)")
        #expect(refused.header("X-Request-ID") == refused.json["request_id"] as? String)
        // GET is not counted by the download zone.
        #expect(try http.get("/api/me").status == 200)
        // After Retry-After one more passes (one every 6 s), and the next at once is refused again.
        Thread.sleep(forTimeInterval: 6.5)
        let after = try http.postJSON("/api/download", #"{"url":"https://example.com/not-instagram/"}"#, key: key)
        let againAt = Date()
        let again = try http.postJSON("/api/download", #"{"url":"https://example.com/not-instagram/"}"#, key: key)
        #expect(after.status == 422, "one request per 6 s: \(after.status)")
        if Date().timeIntervalSince(againAt) < 5 {
            again.expectEnvelope(status: 429, code: "RATE_LIMIT_EXCEEDED")
        }
    }

    @Test func healthIsNotRateLimited() throws {
        let http = TestHTTP(from: "127.0.0.4")
        for _ in 0..<300 {
            #expect(try http.get("/health", key: nil).status == 200)
        }
        // Far more than the API zone's burst at once: /health is in no zone.
        let (answers, _) = try ParallelRequests.run(2 * Self.apiBurst + 100, "/health", from: "127.0.0.4", parallel: 100)
        #expect(answers.allSatisfy { $0.status == 200 }, "\(Dictionary(grouping: answers.map(\.status), by: { $0 }).mapValues(\.count))")
    }
}
