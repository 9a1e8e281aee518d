import Foundation
import Postgres
import Testing
@testable import Jobs

/// How an idle worker learns of a job (README: "Enqueueing sends `NOTIFY instagate_jobs`; idle slots also poll
/// every 5 s"): an enqueue announces the job on the channel and wakes an idle slot long before its poll, and a job
/// that arrives without a notification is still claimed by the poll. A notification wakes a slot for the kinds it
/// names only; a job that falls due later (a retry, a job enqueued to run later) is claimed when due, not at the poll.
/// Figures by condition waits: a worker that polls every 10 minutes claims a job within the wait only because a
/// notification or the job's due time woke it.
extension QueueDatabaseTests {
    /// A one-slot worker for `kind` and `otherKinds` (their jobs just complete; a job of `kind` whose args hold
    /// `"fail_once"` fails its first attempt, to be retried after 0.3 s), idle once a first job of `kind` has
    /// completed; stopped after `body`.
    func withIdleWorker(kind: String, otherKinds: [String] = [], pollInterval: Double, _ body: (JobQueue) throws -> Void) throws {
        /// Completes, but fails the first attempt of a job whose args ask for it (retryable, `Retry-After` 0.3 s).
        final class Completes: JobHandler {
            func run(_ job: Job, context: JobContext) throws -> String? {
                if job.args.contains("fail_once") && job.attempts == 1 {
                    throw JobFailure(code: "FLAKY", message: "first attempt", isRetryable: true, retryAfter: 0.3)
                }
                return nil
            }
        }
        let queue = JobQueue(connection: try connect())
        // Queued before the worker starts: its first look at the queue claims it, whatever the wake-up.
        let (first, _) = try queue.enqueue(JobRequest(kind: kind))
        let worker = Worker(configuration: WorkerConfiguration(concurrency: 1, leaseSeconds: 30, heartbeatInterval: 1,
                                                               pollInterval: pollInterval,
                                                               retryPolicy: RetryPolicy(baseDelay: 0.01)),
                            kinds: ([kind] + otherKinds).map { JobKind(name: $0) { Completes() } },
                            conninfo: QueueDatabaseTests.databaseURL ?? "", logger: .init(label: "test"))
        let done = DispatchSemaphore(value: 0)
        Thread { worker.run(); done.signal() }.start()
        defer { worker.stopFlag.stop(); done.wait() }
        try waitFor(seconds: 60) { try queue.find(id: first.id)?.state == .completed }
        try body(queue)
    }

    @Test func anEnqueuedJobIsAnnouncedAndWakesAnIdleWorkerLongBeforeItsPoll() throws {
        let kind = uniqueKind("notify")
        try withIdleWorker(kind: kind, pollInterval: 600) { queue in
            let listener = try connect()
            try listener.execute(unsafeSQL: "LISTEN \(JobQueue.channel)")
            let (job, _) = try queue.enqueue(JobRequest(kind: kind))
            // The announcement names the kind (other tests' enqueues announce theirs on the same channel).
            var heard: [PostgresNotification] = []
            try waitFor(seconds: 30) {
                heard += try listener.waitForNotifications(timeout: 0.2)
                return heard.contains { $0.channel == JobQueue.channel && $0.payload == kind }
            }
            // The slot polls every 600 s: within this wait only a notification can have woken it.
            try waitFor(seconds: 60) { try queue.find(id: job.id)?.state == .completed }
            #expect(try queue.find(id: job.id)?.state == .completed)
        }
    }

    @Test func aJobInsertedWithoutANotificationIsClaimedByThePoll() throws {
        let kind = uniqueKind("poll")
        try withIdleWorker(kind: kind, pollInterval: 1) { queue in
            // Straight into the table, as a lost notification would leave it: nothing is announced.
            let rows = try queue.connection.query("INSERT INTO jobs (kind) VALUES (\(kind)) RETURNING id")
            let id = try #require(try rows.first?.decode("id", as: Int64.self))
            try waitFor(seconds: 60) { try queue.find(id: id)?.state == .completed }
            #expect(try queue.find(id: id)?.state == .completed)
        }
    }

    /// A retry falls due with no notification (its backoff): the slot waits until then, not until its poll.
    @Test func aRetryIsClaimedWhenItFallsDueNotAtThePoll() throws {
        let kind = uniqueKind("retry")
        try withIdleWorker(kind: kind, pollInterval: 600) { queue in
            let (job, _) = try queue.enqueue(JobRequest(kind: kind, args: #"{"fail_once":true}"#))
            // Failed once, queued again for 0.3 s later; the slot polls every 600 s.
            try waitFor(seconds: 10) { try queue.find(id: job.id)?.state == .completed }
            let done = try #require(try queue.find(id: job.id))
            #expect(done.state == .completed && done.attempts == 2 && done.lastErrorCode == "FLAKY")
            #expect(try #require(done.finishedAt) >= done.runAt, "claimed when due, not before")
        }
    }

    /// A job enqueued to run later is announced when enqueued, not when it falls due: the slot waits until then.
    @Test func aJobDueLaterIsClaimedWhenItFallsDueNotAtThePoll() throws {
        let kind = uniqueKind("later")
        try withIdleWorker(kind: kind, pollInterval: 600) { queue in
            let (job, _) = try queue.enqueue(JobRequest(kind: kind, runAt: Date().addingTimeInterval(0.5)))
            try waitFor(seconds: 10) { try queue.find(id: job.id)?.state == .completed }
            let done = try #require(try queue.find(id: job.id))
            #expect(done.state == .completed)
            #expect(try #require(done.finishedAt) >= done.runAt, "claimed when due, not before")
        }
    }

    /// Every idle slot of every worker wakes on each notification, so a slot claims only the kinds named (the queue's
    /// herd): a job of another kind that arrived unannounced waits for the poll, which notifications never put off.
    @Test func aSlotWokenForOneKindClaimsOnlyItAndStillPollsTheOthers() throws {
        let kind = uniqueKind("named"), other = uniqueKind("unnamed")
        try withIdleWorker(kind: kind, otherKinds: [other], pollInterval: 2) { queue in
            // Let the slot settle into its wait (its poll is 2 s after its last claim of every kind).
            Thread.sleep(forTimeInterval: 0.2)
            let rows = try queue.connection.query("INSERT INTO jobs (kind) VALUES (\(other)) RETURNING id")
            let id = try #require(try rows.first?.decode("id", as: Int64.self))
            let waker = try connect()
            try waker.query("SELECT pg_notify(\(JobQueue.channel), \(kind)) IS NULL AS sent")
            Thread.sleep(forTimeInterval: 0.4)
            #expect(try queue.find(id: id)?.state == .queued, "woken for \(kind) only")
            // A notification at every look (every 50 ms or so): the poll still comes.
            try waitFor(seconds: 30) {
                try waker.query("SELECT pg_notify(\(JobQueue.channel), \(kind)) IS NULL AS sent")
                return try queue.find(id: id)?.state == .completed
            }
            #expect(try queue.find(id: id)?.state == .completed)
        }
    }

    /// The slot that failed a job may be busy with another when its retry falls due: the retry is announced, so an
    /// idle slot of another worker learns its due time and claims it then, not at its poll.
    @Test func aRetryIsClaimedWhenDueByAnotherWorkerWhileItsOwnSlotIsBusy() throws {
        /// Fails its first attempt once the test says so (retryable, `Retry-After` 0.3 s), completes the next.
        final class FailsFirst: JobHandler {
            let go: DispatchSemaphore
            init(_ go: DispatchSemaphore) { self.go = go }
            func run(_ job: Job, context: JobContext) throws -> String? {
                guard job.attempts == 1 else { return nil }
                _ = go.wait(timeout: .now() + 30)
                throw JobFailure(code: "FLAKY", message: "first attempt", isRetryable: true, retryAfter: 0.3)
            }
        }
        /// Holds its slot until the test lets it go.
        final class Held: JobHandler {
            let release: DispatchSemaphore
            init(_ release: DispatchSemaphore) { self.release = release }
            func run(_ job: Job, context: JobContext) throws -> String? {
                _ = release.wait(timeout: .now() + 30)
                return nil
            }
        }
        let flaky = uniqueKind("flaky"), hold = uniqueKind("hold")
        let go = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        func worker(_ id: String, _ kinds: [JobKind]) -> Worker {
            Worker(configuration: WorkerConfiguration(concurrency: 1, leaseSeconds: 30, heartbeatInterval: 1, pollInterval: 600,
                                                      retryPolicy: RetryPolicy(baseDelay: 0.01), workerID: id),
                   kinds: kinds, conninfo: QueueDatabaseTests.databaseURL ?? "", logger: .init(label: "test"))
        }
        let first = worker("\(flaky)-first", [JobKind(name: flaky) { FailsFirst(go) }, JobKind(name: hold) { Held(release) }])
        let second = worker("\(flaky)-second", [JobKind(name: flaky) { FailsFirst(go) }])
        let queue = JobQueue(connection: try connect())
        let (job, _) = try queue.enqueue(JobRequest(kind: flaky))
        let running = DispatchGroup()
        func start(_ worker: Worker) {
            running.enter()
            Thread { worker.run(); running.leave() }.start()
        }
        start(first)
        defer { release.signal(); go.signal(); first.stopFlag.stop(); second.stopFlag.stop(); running.wait() }
        try waitFor(seconds: 60) { try queue.find(id: job.id)?.state == .running }
        start(second)
        // The first worker's slot takes this one as soon as the attempt fails; the second does not run its kind.
        let (held, _) = try queue.enqueue(JobRequest(kind: hold))
        // Let the second worker settle into its wait (600 s to its poll) before the attempt fails.
        Thread.sleep(forTimeInterval: 0.3)
        go.signal()
        try waitFor(seconds: 10) { try queue.find(id: job.id)?.state == .completed }
        #expect(try queue.find(id: job.id)?.state == .completed)
        #expect(try queue.find(id: held.id)?.state == .running, "the first worker's slot was busy all along")
        let claims = try queue.connection.query("""
            SELECT message FROM job_events WHERE job_id = \(job.id) AND event = 'claimed' ORDER BY id
            """).map { try $0.decode("message", as: String.self) }
        #expect(claims == ["attempt 1 by \(flaky)-first/0", "attempt 2 by \(flaky)-second/0"])
    }
}
