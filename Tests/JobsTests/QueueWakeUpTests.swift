import Foundation
import Postgres
import Testing
@testable import Jobs

/// How an idle worker learns of a job (README: "Enqueueing sends `NOTIFY instagate_jobs`; idle slots also poll
/// every 5 s"): an enqueue announces the job on the channel and wakes an idle slot long before its poll, and a job
/// that arrives without a notification is still claimed by the poll. Figures by condition waits: a worker that
/// polls every 10 minutes claims a notified job within the wait only because the notification woke it.
extension QueueDatabaseTests {
    /// A one-slot worker for `kind` (its jobs just complete), idle once a first job of the kind has completed;
    /// stopped after `body`.
    func withIdleWorker(kind: String, pollInterval: Double, _ body: (JobQueue) throws -> Void) throws {
        final class Completes: JobHandler {
            func run(_ job: Job, context: JobContext) throws -> String? { nil }
        }
        let queue = JobQueue(connection: try connect())
        // Queued before the worker starts: its first look at the queue claims it, whatever the wake-up.
        let (first, _) = try queue.enqueue(JobRequest(kind: kind))
        let worker = Worker(configuration: WorkerConfiguration(concurrency: 1, leaseSeconds: 30, heartbeatInterval: 1,
                                                               pollInterval: pollInterval),
                            kinds: [JobKind(name: kind) { Completes() }], conninfo: QueueDatabaseTests.databaseURL ?? "",
                            logger: .init(label: "test"))
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
}
