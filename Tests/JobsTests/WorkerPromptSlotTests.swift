import Foundation
import Testing
@testable import Jobs

/// A prompt kind (`JobKindPolicy(prompt: true)`, e.g. a post published at its minute) never waits behind long jobs:
/// a worker runs one slot more than its concurrency, for prompt kinds only (README, `INSTAGATE_WORKER_CONCURRENCY`).
extension QueueDatabaseTests {
    @Test func aPromptJobRunsAtOnceWhileLongJobsHoldTheOtherSlots() throws {
        /// Holds its slot until the test lets every held job go (each one passes the release on).
        final class Held: JobHandler {
            let release: DispatchSemaphore
            init(_ release: DispatchSemaphore) { self.release = release }
            func run(_ job: Job, context: JobContext) throws -> String? {
                _ = release.wait(timeout: .now() + 30)
                release.signal()
                return nil
            }
        }
        final class Completes: JobHandler {
            func run(_ job: Job, context: JobContext) throws -> String? { nil }
        }
        let long = uniqueKind("long"), prompt = uniqueKind("prompt")
        let queue = JobQueue(connection: try connect())
        let held = try (0..<3).map { _ in try queue.enqueue(JobRequest(kind: long)).0 }
        let release = DispatchSemaphore(value: 0)
        let worker = Worker(configuration: WorkerConfiguration(concurrency: 1, leaseSeconds: 30, heartbeatInterval: 1, pollInterval: 0.2),
                            kinds: [JobKind(name: long) { Held(release) },
                                    JobKind(name: prompt, policy: JobKindPolicy(prompt: true)) { Completes() }],
                            conninfo: QueueDatabaseTests.databaseURL ?? "", logger: .init(label: "test"))
        let done = DispatchSemaphore(value: 0)
        Thread { worker.run(); done.signal() }.start()
        defer { release.signal(); worker.stopFlag.stop(); done.wait() }
        try waitFor(seconds: 30) { try queue.find(id: held[0].id)?.state == .running }
        let (job, _) = try queue.enqueue(JobRequest(kind: prompt))
        // One slot for every kind and three long jobs queued first: without the prompt slot the prompt job waits for
        // the long ones (30 s each here).
        try waitFor(seconds: 10) { try queue.find(id: job.id)?.state == .completed }
        #expect(try queue.find(id: job.id)?.state == .completed, "the prompt job ran while the long ones held their slot")
        let states = try held.map { try queue.find(id: $0.id)?.state }
        #expect(states.filter { $0 == .running }.count == 1 && states.filter { $0 == .queued }.count == 2,
                "the concurrency's one slot for the long jobs, the extra one for prompt ones: \(states)")
    }
}
