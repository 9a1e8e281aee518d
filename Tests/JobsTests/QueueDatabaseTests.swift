import Foundation
import Postgres
import Synchronization
import Testing
import TestSupport
@testable import Jobs

/// The queue against the real PostgreSQL of `deploy/test` (INSTAGATE_TEST_DATABASE_URL, migrated).
/// Every test uses its own job kind, so the stack's worker never touches these jobs.
@Suite(.enabled(if: TestDatabase.isReady && StackGate.isReady(["INSTAGATE_TEST_DATABASE_URL"]), StackGate.reason(["INSTAGATE_TEST_DATABASE_URL"])))
struct QueueDatabaseTests {
    static var databaseURL: String? { TestDatabase.url }

    func connect() throws -> PostgresConnection {
        try PostgresConnection(conninfo: QueueDatabaseTests.databaseURL ?? "")
    }

    func uniqueKind(_ name: String) -> String { "test.\(name).\(UUID().uuidString.prefix(8))" }

    @Test func concurrentClaimersNeverTakeTheSameJob() throws {
        let kind = uniqueKind("claim")
        try JobQueue(connection: connect()).enqueueMany(kind: kind, count: 400)
        let claims = Mutex<[Int64: Int]>([:])
        let group = DispatchGroup()
        for slot in 0..<6 {
            group.enter()
            Thread {
                defer { group.leave() }
                guard let connection = try? self.connect() else { return }
                let queue = JobQueue(connection: connection)
                while let job = try? queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "test/\(slot)", leaseSeconds: 30) {
                    claims.withLock { $0[job.id, default: 0] += 1 }
                    _ = try? queue.complete(jobID: job.id, leaseOwner: "test/\(slot)", result: nil)
                }
            }.start()
        }
        group.wait()
        let counted = claims.withLock { $0 }
        #expect(counted.count == 400)
        #expect(counted.values.allSatisfy { $0 == 1 })
        let left = try connect().query("SELECT count(*) AS n FROM jobs WHERE kind = \(kind) AND state <> 'completed'")
        #expect(try left.first?.decode("n", as: Int.self) == 0)
    }

    @Test func completingAndClaimingInOneStatementNeverRunsAJobTwice() throws {
        let kind = uniqueKind("chain")
        try JobQueue(connection: connect()).enqueueMany(kind: kind, count: 300)
        let claims = Mutex<[Int64: Int]>([:])
        let group = DispatchGroup()
        for slot in 0..<4 {
            group.enter()
            Thread {
                defer { group.leave() }
                guard let connection = try? self.connect() else { return }
                let queue = JobQueue(connection: connection)
                var current = try? queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "chain/\(slot)", leaseSeconds: 30)
                while let job = current {
                    claims.withLock { $0[job.id, default: 0] += 1 }
                    let outcome = try? queue.completeAndClaimNext(jobID: job.id, leaseOwner: "chain/\(slot)", result: "{\"n\":1}",
                                                                  kind: kind, leaseSeconds: 30)
                    #expect(outcome?.completed == true)
                    current = outcome?.next
                    #expect(current == nil || current?.state == .running && current?.leaseOwner == "chain/\(slot)")
                }
            }.start()
        }
        group.wait()
        let counted = claims.withLock { $0 }
        #expect(counted.count == 300 && counted.values.allSatisfy { $0 == 1 })
        let db = try connect()
        let left = try db.query("SELECT count(*) AS n FROM jobs WHERE kind = \(kind) AND (state <> 'completed' OR result IS NULL)")
        #expect(try left.first?.decode("n", as: Int.self) == 0)
        let events = try db.query("""
            SELECT count(*) FILTER (WHERE e.event = 'completed') AS done, count(*) FILTER (WHERE e.event = 'claimed') AS claimed
            FROM job_events e JOIN jobs j ON j.id = e.job_id WHERE j.kind = \(kind)
            """).first
        #expect(try events?.decode("done", as: Int.self) == 300 && events?.decode("claimed", as: Int.self) == 300)
        // A lost lease: nothing completed, and still no claim of a job someone else holds.
        let queue = JobQueue(connection: db)
        try queue.enqueueMany(kind: kind, count: 1)
        let job = try #require(try queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "chain/a", leaseSeconds: 30))
        let stolen = try queue.completeAndClaimNext(jobID: job.id, leaseOwner: "chain/b", result: nil, kind: kind, leaseSeconds: 30)
        #expect(stolen.completed == false && stolen.next == nil)
        #expect(try queue.find(id: job.id)?.state == .running)
    }

    @Test func aHandlersStatementRunsInTheRoundTripOfItsEventAndOfTheCompletion() throws {
        let kind = uniqueKind("along")
        let db = try connect()
        try db.execute(unsafeSQL: "CREATE TEMPORARY TABLE along_marks (job_id bigint, note text)")
        func mark(_ id: Int64, _ note: String) -> PostgresQuery { "INSERT INTO along_marks VALUES (\(id), \(note))" }
        let queue = JobQueue(connection: db)
        try queue.enqueueMany(kind: kind, count: 3)
        let first = try #require(try queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "along/a", leaseSeconds: 30))
        try queue.record(mark(first.id, "stored"), jobID: first.id, event: "stored", message: "with its statement")
        let chained = try queue.completeAndClaimNext(jobID: first.id, leaseOwner: "along/a", result: nil, kind: kind, leaseSeconds: 30,
                                                     along: mark(first.id, "done"))
        let second = try #require(chained.next)
        #expect(chained.completed)
        #expect(try queue.complete(jobID: second.id, leaseOwner: "along/a", result: "{}", along: mark(second.id, "done")))
        // A lost lease: the job is not completed by the wrong owner, the handler's statement (its work was done) still runs.
        let third = try #require(try queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "along/a", leaseSeconds: 30))
        #expect(try queue.complete(jobID: third.id, leaseOwner: "along/b", result: nil, along: mark(third.id, "done")) == false)
        #expect(try queue.find(id: third.id)?.state == .running)
        let marks = try db.query("SELECT job_id, note FROM along_marks ORDER BY job_id, note").map {
            "\(try $0.decode("job_id", as: Int64.self)):\(try $0.decode("note", as: String.self))"
        }
        #expect(marks == ["\(first.id):done", "\(first.id):stored", "\(second.id):done", "\(third.id):done"])
        let events = try db.query("SELECT event FROM job_events WHERE job_id = \(first.id) ORDER BY id").map { try $0.decode("event", as: String.self) }
        #expect(events == ["claimed", "stored", "completed"])
        #expect(try queue.find(id: second.id)?.state == .completed)
    }

    /// A collection's batch: its rows and the progress counting them in one statement (`saveCheckpoint(along:)`).
    @Test func aHandlersStatementIsWrittenWithItsProgressOrNotAtAll() throws {
        let kind = uniqueKind("progress-along")
        let db = try connect()
        try db.execute(unsafeSQL: "CREATE TEMPORARY TABLE batch_rows (job_id bigint, n int CHECK (n > 0))")
        func rows(_ id: Int64, _ n: Int) -> PostgresQuery { "INSERT INTO batch_rows VALUES (\(id), \(n))" }
        let queue = JobQueue(connection: db)
        let (job, _) = try queue.enqueue(JobRequest(kind: kind))
        _ = try #require(try queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "batch/a", leaseSeconds: 30))
        #expect(try queue.saveCheckpoint(jobID: job.id, leaseOwner: "batch/a", checkpoint: nil, progress: #"{"posts":50}"#,
                                         leaseSeconds: 30, along: rows(job.id, 50)) == .held)
        // The handler's statement fails (its CHECK): the progress is not saved either.
        #expect(throws: PostgresError.self) {
            try queue.saveCheckpoint(jobID: job.id, leaseOwner: "batch/a", checkpoint: nil, progress: #"{"posts":100}"#,
                                     leaseSeconds: 30, along: rows(job.id, 0))
        }
        #expect(try queue.find(id: job.id)?.progress.contains("50") == true)
        // A cancel asked meanwhile is seen by the same statement; a lost lease still writes the handler's rows.
        try db.execute(unsafeSQL: "UPDATE jobs SET cancel_requested = true WHERE id = \(job.id)")
        #expect(try queue.saveCheckpoint(jobID: job.id, leaseOwner: "batch/a", checkpoint: nil, progress: #"{"posts":100}"#,
                                         leaseSeconds: 30, along: rows(job.id, 100)) == .cancelRequested)
        #expect(try queue.saveCheckpoint(jobID: job.id, leaseOwner: "batch/b", checkpoint: nil, progress: #"{"posts":150}"#,
                                         leaseSeconds: 30, along: rows(job.id, 150)) == .lost)
        #expect(try queue.find(id: job.id)?.progress.contains("100") == true)
        let written = try db.query("SELECT n FROM batch_rows WHERE job_id = \(job.id) ORDER BY n").map { try $0.decode("n", as: Int.self) }
        #expect(written == [50, 100, 150])
    }

    @Test func globalCapHoldsAcrossClaimers() throws {
        let kind = uniqueKind("cap")
        try JobQueue(connection: connect()).enqueueMany(kind: kind, count: 10)
        let policy = [kind: JobKindPolicy(globalCap: 3)]
        var claimed: [Job] = []
        for slot in 0..<6 {
            if let job = try JobQueue(connection: connect()).claim(kinds: policy, leaseOwner: "cap/\(slot)", leaseSeconds: 30) {
                claimed.append(job)
            }
        }
        #expect(claimed.count == 3)
        let queue = JobQueue(connection: try connect())
        try queue.complete(jobID: claimed[0].id, leaseOwner: "cap/0", result: nil)
        #expect(try queue.claim(kinds: policy, leaseOwner: "cap/9", leaseSeconds: 30) != nil)
        #expect(try queue.counts(kind: kind) == (running: 3, queued: 6))
    }

    @Test func perUserCapLetsOtherOwnersThrough() throws {
        let kind = uniqueKind("peruser")
        let db = try connect()
        let owners = try (0..<2).map { index in
            try db.query("INSERT INTO api_users (name) VALUES (\("queue test \(index)")) RETURNING id").first!.decode("id", as: Int64.self)
        }
        let queue = JobQueue(connection: db)
        for owner in [owners[0], owners[0], owners[1]] { _ = try queue.enqueue(JobRequest(kind: kind, ownerID: owner)) }
        let policy = [kind: JobKindPolicy(globalCap: 10, perUserCap: 1)]
        let first = try #require(try queue.claim(kinds: policy, leaseOwner: "u/1", leaseSeconds: 30))
        let second = try #require(try queue.claim(kinds: policy, leaseOwner: "u/2", leaseSeconds: 30))
        #expect(first.ownerID == owners[0])
        #expect(second.ownerID == owners[1])
        #expect(try queue.claim(kinds: policy, leaseOwner: "u/3", leaseSeconds: 30) == nil)
    }

    @Test func failuresBackOffThenFailWithTheLastError() throws {
        let kind = uniqueKind("retry")
        let queue = JobQueue(connection: try connect())
        let (job, _) = try queue.enqueue(JobRequest(kind: kind, maxAttempts: 2))
        let policy = RetryPolicy(baseDelay: 0.01, maxDelay: 0.01)
        var random = SystemRandomNumberGenerator()
        let failure = JobFailure(code: "UPSTREAM_ERROR", message: "HTTP 503", isRetryable: true)
        let first = try #require(try queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "r", leaseSeconds: 30))
        #expect(try queue.fail(job: first, leaseOwner: "r", failure: failure, policy: policy, random: &random) != .fail)
        #expect(try queue.find(id: job.id)?.state == .queued)
        // Claimable again once its backoff (0.01 s) has passed: poll for it rather than sleep.
        var claimed: Job?
        try waitFor(seconds: 30) {
            claimed = try queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "r", leaseSeconds: 30)
            return claimed != nil
        }
        let second = try #require(claimed)
        #expect(second.attempts == 2)
        #expect(try queue.fail(job: second, leaseOwner: "r", failure: failure, policy: policy, random: &random) == .fail)
        let final = try #require(try queue.find(id: job.id))
        #expect(final.state == .failed)
        #expect(final.lastErrorCode == "UPSTREAM_ERROR")
        #expect(final.lastError == "HTTP 503")
    }

    @Test func expiredLeaseIsTakenOverAndKeepsTheCheckpoint() throws {
        let kind = uniqueKind("lease")
        let queue = JobQueue(connection: try connect())
        let (job, _) = try queue.enqueue(JobRequest(kind: kind))
        _ = try #require(try queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "dead", leaseSeconds: 1))
        #expect(try queue.saveCheckpoint(jobID: job.id, leaseOwner: "dead", checkpoint: #"{"cursor":"400"}"#,
                                         progress: "{}", leaseSeconds: 0.2) == .held)
        #expect(try queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "alive", leaseSeconds: 30) == nil)
        // The stack's own worker reaps expired leases too: whichever reaper ran, the job is queued again once its
        // 0.2 s lease has expired (polled, not slept).
        try waitFor(seconds: 30) {
            _ = try queue.reapExpiredLeases()
            return try queue.find(id: job.id)?.state == .queued
        }
        #expect(try queue.find(id: job.id)?.state == .queued)
        let resumed = try #require(try queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "alive", leaseSeconds: 30))
        #expect(resumed.checkpoint?.contains("400") == true)
        #expect(try queue.complete(jobID: job.id, leaseOwner: "dead", result: nil) == false)
        #expect(try queue.heartbeat(jobID: job.id, leaseOwner: "dead", leaseSeconds: 30) == .lost)
        #expect(try queue.complete(jobID: job.id, leaseOwner: "alive", result: #"{"ok":true}"#))
    }

    /// A worker killed under a job is not the job's failure: a job of one attempt whose lease is lost is queued
    /// again with its attempt given back (it failed at the first loss before), and fails LEASE_EXPIRED only once it
    /// has lost its budget of leases (here 3; the stack's own reaper may take a turn with the default 10).
    @Test func aLostLeaseGivesItsAttemptBackUntilTheBudgetIsSpent() throws {
        let kind = uniqueKind("losses")
        let queue = JobQueue(connection: try connect())
        let (job, _) = try queue.enqueue(JobRequest(kind: kind, maxAttempts: 1))
        var losses = 0
        while try queue.find(id: job.id)?.state != .failed {
            let claimed = try #require(try queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "doomed", leaseSeconds: 0.2),
                                       "queued again after \(losses) lost leases")
            #expect(claimed.attempts == 1, "the lost attempts were given back")
            try waitFor(seconds: 30) {
                _ = try queue.reapExpiredLeases(maxLeaseLosses: 3)
                return try queue.find(id: job.id)?.state != .running
            }
            losses += 1
            if losses >= JobQueue.maxLeaseLosses { break }
        }
        // At least 3 (ours), at most the default budget (when the stack's reaper took the third turn).
        #expect((3...JobQueue.maxLeaseLosses).contains(losses), "\(losses) lost leases")
        let failed = try #require(try queue.find(id: job.id))
        #expect(failed.state == .failed)
        #expect(failed.lastErrorCode == "LEASE_EXPIRED")
        #expect(failed.lastError?.contains("\(losses) times") == true, "\(failed.lastError ?? "")")
    }

    /// A postponed job (its handler waits for what another job holds) is queued again, due later, its attempt given
    /// back, with a `postponed` event saying why.
    @Test func aPostponedJobIsDueLaterWithItsAttemptGivenBack() throws {
        let kind = uniqueKind("postponed")
        let db = try connect()
        let queue = JobQueue(connection: db)
        let (job, _) = try queue.enqueue(JobRequest(kind: kind, maxAttempts: 1))
        let claimed = try #require(try queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "w", leaseSeconds: 30))
        #expect(claimed.attempts == 1)
        try queue.postpone(jobID: job.id, leaseOwner: "w", seconds: 3600, reason: "another job holds the lock")
        let queued = try #require(try queue.find(id: job.id))
        #expect(queued.state == .queued && queued.attempts == 0 && queued.leaseOwner == nil, "\(queued)")
        #expect(queued.runAt > Date().addingTimeInterval(3000), "due an hour later: \(queued.runAt)")
        #expect(try queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "w", leaseSeconds: 30) == nil, "not claimable before then")
        let events = try db.query("SELECT event, message FROM job_events WHERE job_id = \(job.id) ORDER BY id")
            .map { "\(try $0.decode("event", as: String.self)): \(try $0.decode("message", as: String.self))" }
        #expect(events.last == "postponed: another job holds the lock", "\(events)")
        _ = try queue.removeAll(kind: kind)
    }

    @Test func uniqueKeyAllowsOneLiveJob() throws {
        let kind = uniqueKind("unique")
        let queue = JobQueue(connection: try connect())
        let key = "test:\(kind)"
        let (first, created) = try queue.enqueue(JobRequest(kind: kind, uniqueKey: key))
        let (again, createdAgain) = try queue.enqueue(JobRequest(kind: kind, uniqueKey: key))
        #expect(created && !createdAgain)
        #expect(again.id == first.id)
        #expect(try queue.requestCancel(jobID: first.id) == .cancelled)
        #expect(try queue.enqueue(JobRequest(kind: kind, uniqueKey: key)).created)
        #expect(try queue.requestCancel(jobID: first.id) == .alreadyFinished(.cancelled))
    }

    /// The only queued job is first, the next second: the job's own `run_at` is compared in the database (a
    /// `Date` round trip lost its microseconds and counted the job before itself).
    @Test func queuePositionCountsTheJobsAheadOnly() throws {
        let kind = uniqueKind("position")
        let queue = JobQueue(connection: try connect())
        for _ in 0..<20 {
            let (first, _) = try queue.enqueue(JobRequest(kind: kind))
            #expect(try queue.queuePosition(of: first) == 1)
            let (second, _) = try queue.enqueue(JobRequest(kind: kind))
            #expect(try queue.queuePosition(of: second) == 2)
            _ = try queue.removeAll(kind: kind)
        }
    }

    @Test func workerRunsJobsAndCancellationReachesARunningJob() throws {
        let kind = uniqueKind("worker")
        final class SlowJob: JobHandler {
            func run(_ job: Job, context: JobContext) throws -> String? {
                // Runs for an hour unless cancelled: only the cancellation can end it within the test's wait.
                for step in 0..<72_000 {
                    try context.progress(["step": step])
                    try context.sleep(0.05)
                }
                return nil
            }
        }
        let worker = Worker(configuration: WorkerConfiguration(concurrency: 2, leaseSeconds: 3, heartbeatInterval: 0.2, pollInterval: 1),
                            kinds: [JobKind(name: kind) { SlowJob() }], conninfo: QueueDatabaseTests.databaseURL ?? "",
                            logger: .init(label: "test"))
        let done = DispatchSemaphore(value: 0)
        Thread { worker.run(); done.signal() }.start()
        defer { worker.stopFlag.stop(); done.wait() }
        let queue = JobQueue(connection: try connect())
        let (job, _) = try queue.enqueue(JobRequest(kind: kind))
        try waitFor(seconds: 10) { try queue.find(id: job.id)?.state == .running }
        #expect(try queue.requestCancel(jobID: job.id) == .requested)
        // The job would run for an hour: it ends as cancelled only because the request reached it.
        try waitFor(seconds: 60) { try queue.find(id: job.id)?.state == .cancelled }
        #expect(try queue.find(id: job.id)?.state == .cancelled)
    }

    @Test func removeIsScopedToTheOwnerAndRemoveAllEmptiesAKind() throws {
        let kind = uniqueKind("remove")
        let db = try connect()
        let owner: Int64 = try db.query("INSERT INTO api_users (name) VALUES (\(kind)) RETURNING id").exactlyOne().decode("id")
        defer { _ = try? db.query("DELETE FROM api_users WHERE id = \(owner)") }
        let queue = JobQueue(connection: db)
        let (job, _) = try queue.enqueue(JobRequest(kind: kind, ownerID: owner))
        #expect(try !queue.remove(jobID: job.id, ownerID: owner + 1_000_000), "another owner's job stays")
        #expect(try queue.remove(jobID: job.id, ownerID: owner))
        #expect(try queue.find(id: job.id) == nil)
        try queue.enqueueMany(kind: kind, count: 3)
        let claimed = try #require(try queue.claim(kinds: [kind: JobKindPolicy()], leaseOwner: "remove", leaseSeconds: 30))
        #expect(try queue.complete(jobID: claimed.id, leaseOwner: "remove", result: nil))
        #expect(try queue.completedCount(kind: kind) == 1)
        #expect(try queue.removeAll(kind: kind) == 3)
        #expect(try queue.completedCount(kind: kind) == 0)
    }

    func waitFor(seconds: Double, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("condition not met within \(seconds) s")
    }
}

/// The stack's database (`deploy/test`). Without it the suite is skipped and the run says so loudly on stderr;
/// `deploy/test` fails a run that skips anything.
enum TestDatabase {
    static var url: String? {
        ProcessInfo.processInfo.environment["INSTAGATE_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var isReady: Bool {
        guard url == nil else { return true }
        _ = announceSkip
        return false
    }

    /// Said once per run (a static let is initialised once).
    private static let announceSkip: Void = {
        let line = String(repeating: "!", count: 100)
        FileHandle.standardError.write(Data("""
            \(line)
            !! SKIPPING QueueDatabaseTests: INSTAGATE_TEST_DATABASE_URL is not set (the queue runs against the stack's
            !! PostgreSQL): run deploy/test, which fails when any test is skipped.
            \(line)\n
            """.utf8))
    }()
}
