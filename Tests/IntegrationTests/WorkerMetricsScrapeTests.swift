import Foundation
import HTTPClient
import Postgres
import Testing
import TestSupport

/// The worker's Prometheus metrics, scraped from the loopback address deploy/test gives `instagate work`
/// (INSTAGATE_WORKER_METRICS_LISTEN): after jobs ran, they count them by kind and outcome, with durations and
/// the queue's depth.
@Suite(.threaded, StackGate.condition(StackGate.stack + ["INSTAGATE_TEST_WORKER_METRICS_URL"]))
struct WorkerMetricsScrapeTests {
    let http = TestHTTP()

    @Test func countsTheJobsThatRan() throws {
        // Other tests kill the worker (deploy/test's loop starts another, whose counters start at 0): a scrape
        // right after the jobs may meet a new worker, so the round is tried again.
        var text = ""
        for _ in 0..<5 {
            let db = try PostgresConnection(conninfo: TestStack.databaseURL)
            let ids = try (0..<3).map { _ in try enqueueNoop(db) }
            try waitUntilCompleted(ids, db)
            text = try scrape()
            if let completed = WorkerMetricsScrapeTests.sample(text, "instagate_worker_jobs_total", ["kind": "noop", "outcome": "completed"]),
               completed >= 3 {
                let count = WorkerMetricsScrapeTests.sample(text, "instagate_worker_job_duration_seconds_count",
                                                      ["kind": "noop", "outcome": "completed"])
                #expect(count == completed, "one duration per attempt")
                #expect(text.contains("instagate_worker_job_duration_seconds_bucket{"))
                #expect(text.contains("# TYPE instagate_worker_jobs_total counter"))
                return
            }
        }
        Issue.record("no 3 completed noop jobs in the worker's metrics:\n\(text.prefix(3000))")
    }

    @Test func reportsTheQueueDepth() throws {
        // Slot 0 samples the depth at every maintenance (each poll interval, 5 s, and when a worker starts).
        let deadline = Date().addingTimeInterval(20)
        var text = ""
        while Date() < deadline {
            text = try scrape()
            if WorkerMetricsScrapeTests.sample(text, "instagate_worker_queue_depth", ["kind": "noop", "state": "queued"]) != nil,
               WorkerMetricsScrapeTests.sample(text, "instagate_worker_queue_depth", ["kind": "follower_analysis", "state": "running"]) != nil {
                return
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
        Issue.record("no queue depth for the worker's kinds:\n\(text.prefix(3000))")
    }

    @Test func onlyMetricsIsServed() throws {
        let base = try #require(TestStack.workerMetricsURL).replacingOccurrences(of: "/metrics", with: "")
        let other = try http.client.send(HTTPClientRequest(method: "GET", url: base + "/other"))
        #expect(other.status == 404)
        let post = try http.client.send(HTTPClientRequest(method: "POST", url: base + "/metrics", body: []))
        #expect(post.status == 405)
    }

    func scrape() throws -> String {
        let response = try http.client.send(HTTPClientRequest(method: "GET", url: try #require(TestStack.workerMetricsURL)))
        #expect(response.status == 200)
        return response.text
    }

    func enqueueNoop(_ db: PostgresConnection) throws -> Int64 {
        let id: Int64 = try #require(try db.query("INSERT INTO jobs (kind) VALUES ('noop') RETURNING id").first?.decode("id"))
        _ = try db.execute(unsafeSQL: "NOTIFY instagate_jobs, 'noop'")
        return id
    }

    func waitUntilCompleted(_ ids: [Int64], _ db: PostgresConnection) throws {
        let deadline = Date().addingTimeInterval(30)
        for id in ids {
            while try db.query("SELECT state FROM jobs WHERE id = \(id)").first?.decode("state", as: String.self) != "completed" {
                guard Date() < deadline else { Issue.record("job \(id) did not complete"); return }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }

    /// The value of the sample `name{labels}` in Prometheus text (the labels given must all match).
    static func sample(_ text: String, _ name: String, _ labels: [String: String]) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(name + "{") {
            guard let close = line.lastIndex(of: "}") else { continue }
            let found = line[line.index(line.startIndex, offsetBy: name.count + 1)..<close]
            let pairs = Set(found.split(separator: ",").map(String.init))
            if labels.allSatisfy({ pairs.contains("\($0.key)=\"\($0.value)\"") }) {
                return Double(line[line.index(after: close)...].trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }
}
