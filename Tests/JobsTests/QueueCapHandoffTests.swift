import Foundation
import Testing
@testable import Jobs

/// A job held back by its kind's cap starts when the cap has room again. The end of a running job announces nothing,
/// and an idle slot woken by a notification claims only the kinds it names, so the slot whose job freed the cap passes
/// it on: its next claim tries that kind first, before the uncapped kinds.
extension QueueDatabaseTests {
    @Test func aJobWaitingAtItsCapStartsWhenTheCapFreesNotAtThePoll() throws {
        /// Holds a job whose args ask for it until the test lets it go; completes any other at once.
        final class HeldIfAsked: JobHandler {
            let release: DispatchSemaphore
            init(_ release: DispatchSemaphore) { self.release = release }
            func run(_ job: Job, context: JobContext) throws -> String? {
                if job.args.contains("hold") { _ = release.wait(timeout: .now() + 30) }
                return nil
            }
        }
        let capped = uniqueKind("capped"), other = uniqueKind("other")
        let releaseCapped = DispatchSemaphore(value: 0), releaseOther = DispatchSemaphore(value: 0)
        let queue = JobQueue(connection: try connect())
        // One at a time of `capped`: the first runs, the second waits at the cap.
        let (running, _) = try queue.enqueue(JobRequest(kind: capped, args: #"{"hold":true}"#))
        let (waiting, _) = try queue.enqueue(JobRequest(kind: capped))
        // Two slots that poll every 600 s: within the waits below, only a claim after a job or a notification runs.
        let worker = Worker(configuration: WorkerConfiguration(concurrency: 2, leaseSeconds: 30, heartbeatInterval: 1, pollInterval: 600),
                            kinds: [JobKind(name: capped, policy: JobKindPolicy(globalCap: 1)) { HeldIfAsked(releaseCapped) },
                                    JobKind(name: other) { HeldIfAsked(releaseOther) }],
                            conninfo: QueueDatabaseTests.databaseURL ?? "", logger: .init(label: "test"))
        let done = DispatchSemaphore(value: 0)
        Thread { worker.run(); done.signal() }.start()
        defer { releaseCapped.signal(); releaseOther.signal(); worker.stopFlag.stop(); done.wait() }
        try waitFor(seconds: 60) { try queue.find(id: running.id)?.state == .running }
        // The other slot found the cap full and waits (600 s to its poll). A job of the uncapped kind arrives
        // unannounced: the slot that ends the capped job would claim it first, uncapped kinds coming first.
        Thread.sleep(forTimeInterval: 0.3)
        try queue.connection.query("INSERT INTO jobs (kind, args) VALUES (\(other), '{\"hold\":true}')")
        #expect(try queue.find(id: waiting.id)?.state == .queued, "held back by the cap")
        releaseCapped.signal()
        try waitFor(seconds: 10) { try queue.find(id: waiting.id)?.state == .completed }
        #expect(try queue.find(id: waiting.id)?.state == .completed, "started when the cap freed")
    }
}
