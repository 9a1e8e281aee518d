import Foundation
import Synchronization
import Testing

/// PostgreSQL stopped and started under load: requests fail fast with 503 meanwhile, and the same
/// responder process recovers by itself. Runs alone (deploy/test runs it in its own `swift test`).
/// Every step waits on what the load observed (a condition with a deadline), never on a sleep.
@Suite(.threaded, .serialized, .needsDatabaseControl)
struct DatabaseOutageTests {
    /// What the load threads saw, in order.
    final class Observations: Sendable {
        let entries = Mutex<[(status: Int, seconds: Double)]>([])
        func append(_ status: Int, _ seconds: Double) { entries.withLock { $0.append((status, seconds)) } }
        var all: [(status: Int, seconds: Double)] { entries.withLock { $0 } }
        var count: Int { entries.withLock { $0.count } }
        func count(_ status: Int, from start: Int = 0) -> Int {
            entries.withLock { list in list[min(start, list.count)...].filter { $0.status == status }.count }
        }
    }

    /// Polls `condition` until it holds or `seconds` pass; records an issue naming `what` if it never held.
    @discardableResult
    func waitFor(_ what: String, seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        if condition() { return true }
        Issue.record("\(what): not within \(seconds) s")
        return false
    }

    @Test func responderFailsFastAndRecoversWithoutRestart() throws {
        let stop = try #require(TestStack.environment["INSTAGATE_TEST_PG_STOP"])
        let start = try #require(TestStack.environment["INSTAGATE_TEST_PG_START"])
        let responderPID = TestStack.environment["INSTAGATE_TEST_RESPONDER_PID"].flatMap(Int32.init)
        let clientTimeout = 10.0
        let http = TestHTTP(timeout: clientTimeout)
        #expect(try http.get("/health", key: nil).status == 200)

        // Load on /health (a database round trip, not rate-limited) from two threads for the whole window.
        let running = Atomic<Bool>(true)
        let observations = Observations()
        let group = DispatchGroup()
        for path in ["/health", "/health"] {
            DispatchQueue.global().async(group: group) {
                let client = TestHTTP(timeout: clientTimeout)
                while running.load(ordering: .relaxed) {
                    let began = Date()
                    let status = (try? client.get(path).status) ?? -1
                    observations.append(status, Date().timeIntervalSince(began))
                }
            }
        }
        defer { running.store(false, ordering: .relaxed); group.wait() }
        waitFor("the load answered 200 before the outage", seconds: 30) { observations.count(200) >= 4 }
        #expect(try TestStack.shell(stop).status == 0)
        let stoppedAt = observations.count

        let down = try http.get("/health", key: nil)
        #expect(down.status == 503)
        #expect(down.json["database"] as? String == "unavailable")
        try http.get("/api/me").expectEnvelope(status: 503, code: "SERVICE_UNAVAILABLE")
        // Failing fast: the load keeps being answered, 503 after 503, while the database is down.
        waitFor("20 answers 503 under the outage", seconds: 60) { observations.count(503, from: stoppedAt) >= 20 }

        #expect(try TestStack.shell(start).status == 0)
        let startedAt = observations.count
        let recovered = waitFor("recovery after PostgreSQL started (/health and /api/me 200)", seconds: 30) {
            (try? http.get("/health", key: nil).status) == 200 && (try? http.get("/api/me").status) == 200
        }
        waitFor("the load answered 200 again after the restart", seconds: 30) { observations.count(200, from: startedAt) >= 2 }
        running.store(false, ordering: .relaxed)
        group.wait()

        #expect(recovered, "the responder did not recover after PostgreSQL started")
        let seen = observations.all
        let unexpected = seen.filter { $0.status != 200 && $0.status != 503 }
        #expect(unexpected.isEmpty, "answers other than 200/503 under the outage (-1: no answer within \(clientTimeout) s): \(unexpected.prefix(5))")
        #expect(seen.contains { $0.status == 503 }, "the outage was seen")
        let slowest = seen.map(\.seconds).max() ?? 0
        #expect(slowest < clientTimeout, "a request took \(slowest) s: requests must fail fast, not wait for the database")
        if let responderPID {
            #expect(kill(responderPID, 0) == 0, "the same responder process is still running")
        }
    }
}
