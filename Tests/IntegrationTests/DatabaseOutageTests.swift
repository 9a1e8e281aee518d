import Foundation
import Synchronization
import Testing

/// PostgreSQL stopped and started under load: requests fail fast with 503 meanwhile, and the same
/// responder process recovers by itself. Runs alone (deploy/test runs it in its own `swift test`).
@Suite(.serialized, .enabled(if: TestStack.isAvailable && TestStack.environment["INSTAGATE_TEST_PG_STOP"] != nil,
                             "needs INSTAGATE_TEST_PG_STOP/START from deploy/test"))
struct DatabaseOutageTests {
    @Test func responderFailsFastAndRecoversWithoutRestart() throws {
        let stop = try #require(TestStack.environment["INSTAGATE_TEST_PG_STOP"])
        let start = try #require(TestStack.environment["INSTAGATE_TEST_PG_START"])
        let responderPID = TestStack.environment["INSTAGATE_TEST_RESPONDER_PID"].flatMap(Int32.init)
        let http = TestHTTP(timeout: 10)
        #expect(try http.get("/health", key: nil).status == 200)

        // Load on /health (a database round trip, not rate-limited) from two threads for the whole window.
        let running = Atomic<Bool>(true)
        let observations = Mutex<[(status: Int, seconds: Double)]>([])
        let group = DispatchGroup()
        for path in ["/health", "/health"] {
            DispatchQueue.global().async(group: group) {
                let client = TestHTTP(timeout: 10)
                while running.load(ordering: .relaxed) {
                    let began = Date()
                    let status = (try? client.get(path).status) ?? -1
                    observations.withLock { $0.append((status, Date().timeIntervalSince(began))) }
                }
            }
        }
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try TestStack.shell(stop).status == 0)

        let down = try http.get("/health", key: nil)
        #expect(down.status == 503)
        #expect(down.json["database"] as? String == "unavailable")
        try http.get("/api/me").expectEnvelope(status: 503, code: "SERVICE_UNAVAILABLE")
        Thread.sleep(forTimeInterval: 1.5)

        #expect(try TestStack.shell(start).status == 0)
        let deadline = Date().addingTimeInterval(15)
        var recovered = false
        while Date() < deadline {
            if (try? http.get("/health", key: nil).status) == 200, (try? http.get("/api/me").status) == 200 {
                recovered = true
                break
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        Thread.sleep(forTimeInterval: 0.5)
        running.store(false, ordering: .relaxed)
        group.wait()

        #expect(recovered, "the responder did not recover within 15 s of PostgreSQL starting")
        let seen = observations.withLock { $0 }
        #expect(seen.count > 20)
        let unexpected = seen.filter { $0.status != 200 && $0.status != 503 }
        #expect(unexpected.isEmpty, "answers other than 200/503 under the outage: \(unexpected.prefix(5))")
        #expect(seen.contains { $0.status == 503 }, "the outage was seen")
        let slowest = seen.map(\.seconds).max() ?? 0
        #expect(slowest < 4, "a request took \(slowest) s: requests must fail fast")
        if let responderPID {
            #expect(kill(responderPID, 0) == 0, "the same responder process is still running")
        }
    }
}
