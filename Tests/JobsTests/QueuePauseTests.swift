import Foundation
import Postgres
import Testing
import TestSupport
@testable import Jobs

/// Pausing and resuming against the real PostgreSQL of `deploy/test`: a paused job is never claimed, a running
/// one stops at its next checkpoint and waits with its progress, and a resumed one is claimed again.
@Suite(.enabled(if: TestDatabase.isReady && StackGate.isReady(["INSTAGATE_TEST_DATABASE_URL"]), StackGate.reason(["INSTAGATE_TEST_DATABASE_URL"])))
struct QueuePauseTests {
    func connect() throws -> PostgresConnection {
        try PostgresConnection(conninfo: TestDatabase.url ?? "")
    }

    func uniqueKind(_ name: String) -> String { "test.\(name).\(UUID().uuidString.prefix(8))" }

    @Test func aPausedQueuedJobIsNotClaimedUntilResumed() throws {
        let kind = uniqueKind("pause")
        let queue = JobQueue(connection: try connect())
        let (job, _) = try queue.enqueue(JobRequest(kind: kind))
        #expect(try queue.requestPause(jobID: job.id) == .paused)
        #expect(try queue.requestPause(jobID: job.id) == .paused, "pausing again changes nothing")
        #expect(try queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "pause", leaseSeconds: 30) == nil)
        #expect(try queue.find(id: job.id)?.pausedAt != nil)
        #expect(try queue.resume(jobID: job.id) == .resumed)
        #expect(try queue.resume(jobID: job.id) == .notPaused(.queued))
        let claimed = try #require(try queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "pause", leaseSeconds: 30))
        #expect(claimed.id == job.id)
        #expect(try queue.complete(jobID: job.id, leaseOwner: "pause", result: nil))
        #expect(try queue.requestPause(jobID: job.id) == .alreadyFinished(.completed))
        #expect(try queue.requestPause(jobID: -1) == .notFound)
    }

    @Test func aRunningJobPausesAtItsCheckpointKeepsItsProgressAndResumes() throws {
        let kind = uniqueKind("pauserun")
        final class StepJob: JobHandler {
            func run(_ job: Job, context: JobContext) throws -> String? {
                // Steps for an hour unless paused: only the pause can stop it within the test's wait.
                for step in 0..<72_000 {
                    try context.progress(["step": step])
                    try context.sleep(0.05)
                }
                return nil
            }
        }
        let worker = Worker(configuration: WorkerConfiguration(concurrency: 1, leaseSeconds: 3, heartbeatInterval: 0.2, pollInterval: 0.5),
                            kinds: [JobKind(name: kind) { StepJob() }], conninfo: TestDatabase.url ?? "", logger: .init(label: "test"))
        let done = DispatchSemaphore(value: 0)
        Thread { worker.run(); done.signal() }.start()
        defer { worker.stopFlag.stop(); done.wait() }
        let queue = JobQueue(connection: try connect())
        let (job, _) = try queue.enqueue(JobRequest(kind: kind, maxAttempts: 1))
        try waitFor { try queue.find(id: job.id)?.state == .running }
        #expect(try queue.requestPause(jobID: job.id) == .requested)
        try waitFor { try queue.find(id: job.id)?.state == .queued }
        let paused = try #require(try queue.find(id: job.id))
        #expect(paused.pausedAt != nil && paused.progress.contains("step") && paused.attempts == 0)
        Thread.sleep(forTimeInterval: 1.5) // three poll intervals: the worker does not take it
        #expect(try queue.find(id: job.id)?.state == .queued)
        #expect(try queue.resume(jobID: job.id) == .resumed)
        try waitFor { try queue.find(id: job.id)?.state == .running }
        #expect(try queue.requestCancel(jobID: job.id) == .requested)
        try waitFor { try queue.find(id: job.id)?.state == .cancelled }
    }

    func waitFor(seconds: Double = 30, _ condition: () throws -> Bool) throws {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("condition not met within \(seconds) s")
    }
}
