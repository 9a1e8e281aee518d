import Foundation
import Logging
import Postgres

/// The queue benchmark across processes (`deploy/scale`): one process enqueues no-op jobs of a shared kind,
/// workers in other processes (other hosts, or network namespaces) run them, and the runs they record show
/// whether any job ran twice.
extension QueueBenchmark {
    /// Enqueues `count` no-op jobs of `kind` (each at most one attempt, so a job run twice is a double run,
    /// never a retry) and returns how many were inserted.
    public func enqueue(kind: String, count: Int) throws -> Int {
        let queue = JobQueue(connection: try PostgresConnection(conninfo: conninfo, applicationName: "instagate-bench"))
        return try queue.enqueueMany(kind: kind, count: count, maxAttempts: 1)
    }

    /// Runs the no-op jobs of `kind` with `concurrency` slots, claiming beside any other process, until SIGTERM
    /// or SIGINT. Returns the id of every run made here, a job run twice appearing twice.
    public func drain(kind: String, concurrency: Int) -> [Int64] {
        let counter = RunCounter()
        let worker = Worker(configuration: WorkerConfiguration(concurrency: concurrency, pollInterval: 0.5),
                            kinds: [JobKind(name: kind) { CountingJob(counter: counter) }], conninfo: conninfo, logger: logger)
        _ = worker.runUntilSignalled()
        return counter.runs.withLock { runs in
            runs.sorted { $0.key < $1.key }.flatMap { id, times in Array(repeating: id, count: times) }
        }
    }
}
