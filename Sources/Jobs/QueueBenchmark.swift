import Foundation
import Logging
import Postgres
import Synchronization

/// Enqueues no-op jobs and runs them with a worker of N slots: jobs per second, and how many jobs were
/// run more than once (must be 0). For `deploy/bench`.
public struct QueueBenchmark {
    public struct Report: Sendable {
        public var jobs: Int
        public var seconds: Double
        public var doubleRuns: Int
        public var completedInDatabase: Int
        public var jobsPerSecond: Double { Double(jobs) / max(seconds, 1e-9) }
    }

    /// Counts the runs of every job id, across slots.
    final class RunCounter: Sendable {
        let runs = Mutex<[Int64: Int]>([:])
        func record(_ id: Int64) { runs.withLock { $0[id, default: 0] += 1 } }
        var doubleRuns: Int { runs.withLock { $0.values.reduce(0) { $0 + max(0, $1 - 1) } } }
        var total: Int { runs.withLock { $0.count } }
    }

    final class CountingJob: JobHandler {
        let counter: RunCounter
        init(counter: RunCounter) { self.counter = counter }
        func run(_ job: Job, context: JobContext) throws -> String? {
            counter.record(job.id)
            return nil
        }
    }

    public let conninfo: String
    public let logger: Logger

    public init(conninfo: String, logger: Logger) {
        self.conninfo = conninfo
        self.logger = logger
    }

    /// Runs `count` jobs of a private kind with `concurrency` slots; the clock covers enqueue to last completion.
    public func run(count: Int, concurrency: Int) throws -> Report {
        let kind = "bench.noop.\(ProcessInfo.processInfo.processIdentifier)"
        let counter = RunCounter()
        let worker = Worker(configuration: WorkerConfiguration(concurrency: concurrency, pollInterval: 0.5),
                            kinds: [JobKind(name: kind) { CountingJob(counter: counter) }], conninfo: conninfo, logger: logger)
        let queue = JobQueue(connection: try PostgresConnection(conninfo: conninfo, applicationName: "instagate-bench"))
        let started = Date()
        let done = DispatchSemaphore(value: 0)
        Thread { worker.run(); done.signal() }.start()
        try queue.enqueueMany(kind: kind, count: count)
        while counter.total < count { Thread.sleep(forTimeInterval: 0.002) }
        var completed = 0
        repeat {
            completed = try queue.completedCount(kind: kind)
        } while completed < count && Date().timeIntervalSince(started) < 600
        let seconds = Date().timeIntervalSince(started)
        worker.stopFlag.stop()
        done.wait()
        try queue.removeAll(kind: kind)
        return Report(jobs: count, seconds: seconds, doubleRuns: counter.doubleRuns, completedInDatabase: completed)
    }
}
