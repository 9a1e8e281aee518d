import MetricsTestKit
import Testing
@testable import Jobs

@Suite struct WorkerMetricsTests {
    @Test func attemptsByKindAndOutcome() throws {
        let test = TestMetrics()
        let metrics = WorkerMetrics(factory: test)
        metrics.attemptEnded(kind: "noop", outcome: .completed, duration: .milliseconds(3))
        metrics.attemptEnded(kind: "noop", outcome: .completed, duration: .milliseconds(5))
        metrics.attemptEnded(kind: "download", outcome: .retried, duration: .seconds(2))
        let completed = try test.expectCounter(WorkerMetrics.jobs, [("kind", "noop"), ("outcome", "completed")])
        #expect(completed.totalValue == 2)
        #expect(try test.expectCounter(WorkerMetrics.jobs, [("kind", "download"), ("outcome", "retried")]).totalValue == 1)
        let durations = try test.expectTimer(WorkerMetrics.duration, [("kind", "noop"), ("outcome", "completed")])
        #expect(durations.values == [3_000_000, 5_000_000])
        #expect(test.counters(label: WorkerMetrics.leaseLosses).isEmpty)
    }

    @Test func leaseLossesAreCountedApart() throws {
        let test = TestMetrics()
        let metrics = WorkerMetrics(factory: test)
        metrics.attemptEnded(kind: "follower_analysis", outcome: .leaseLost, duration: .seconds(1))
        metrics.leasesRecovered(3)
        #expect(try test.expectCounter(WorkerMetrics.leaseLosses, [("kind", "follower_analysis")]).totalValue == 1)
        #expect(try test.expectCounter(WorkerMetrics.jobs, [("kind", "follower_analysis"), ("outcome", "lease_lost")]).totalValue == 1)
        #expect(try test.expectCounter(WorkerMetrics.leasesRecovered).totalValue == 3)
    }

    /// Each known kind has both states, 0 when the queue has none; a kind only the database knows is reported too.
    @Test func queueDepthPerKindAndState() throws {
        let test = TestMetrics()
        let metrics = WorkerMetrics(factory: test)
        metrics.queueDepth([JobQueue.Depth(kind: "noop", state: .queued, count: 7), JobQueue.Depth(kind: "old", state: .running, count: 1)],
                           kinds: ["noop", "download"])
        func depth(_ kind: String, _ state: String) throws -> Double? {
            try test.expectGauge(WorkerMetrics.queueDepth, [("kind", kind), ("state", state)]).lastValue
        }
        #expect(try depth("noop", "queued") == 7)
        #expect(try depth("noop", "running") == 0)
        #expect(try depth("download", "queued") == 0)
        #expect(try depth("old", "running") == 1)
    }

    @Test func interruptionsHaveTheirOutcome() {
        #expect(JobInterruption.cancelled.outcome == .cancelled)
        #expect(JobInterruption.shutdown.outcome == .released)
        #expect(JobInterruption.postponed(seconds: 5, reason: "busy").outcome == .released)
        #expect(JobInterruption.leaseLost.outcome == .leaseLost)
    }
}
