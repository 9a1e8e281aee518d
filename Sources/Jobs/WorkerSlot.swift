import Foundation
import Logging
import Observability
import Postgres

/// One job slot: claims a job, runs it with its kind's handler, records the outcome, repeats; idle, it
/// waits for a notification, the poll interval or the next queued job's due time, whichever comes first.
final class WorkerSlot {
    let worker: Worker
    let index: Int
    let leaseOwner: String
    var logger: Logger
    private var connection: PostgresConnection?
    private var handlers: [String: any JobHandler] = [:]
    private var random = SystemRandomNumberGenerator()
    private var nextMaintenance = Date.distantPast
    /// The kinds the queue-depth gauges report: this worker's, and any seen in the queue since (back to 0 when gone).
    private var depthKinds: Set<String>
    /// Jobs run back to back through `completeAndClaimNext` before the slot claims through `claim` again.
    static let maxChain = 64

    init(worker: Worker, index: Int) {
        self.worker = worker
        self.index = index
        self.leaseOwner = "\(worker.configuration.workerID)/\(index)"
        self.logger = worker.logger
        self.depthKinds = Set(worker.kinds.keys)
        logger[metadataKey: .slot] = "\(index)"
    }

    /// Claims and runs jobs until the worker stops. Notifications name the kinds they announce and wake every idle
    /// slot of every worker, so a slot they woke claims only those kinds. It claims every kind after a job, at its poll
    /// (`pollAt`), and when the worker's first idle slot, at the time a queued job falls due (a retry's backoff, a
    /// scheduled job), which no notification announces (`DueWatch`). Notifications never put the poll off, so a job
    /// whose notification was lost is still claimed within the poll interval. After a job of a capped kind it tries
    /// that kind first: a job waiting at the cap can start now, and no notification says so to the idle slots.
    func run() {
        var woken: Set<String>?
        var pollAt = Date.distantPast
        var freedCap: String?
        while !worker.stopFlag.isStopped {
            do {
                let connection = try connect()
                let queue = JobQueue(connection: connection)
                maintainIfDue(queue)
                var kinds = worker.claimKinds(slot: index)
                let claimStarted = Date()
                if let named = woken, claimStarted < pollAt {
                    kinds = kinds.filter { named.contains($0.key) }
                } else {
                    pollAt = claimStarted.addingTimeInterval(worker.configuration.pollInterval)
                }
                woken = nil
                let claimed = kinds.isEmpty ? ClaimOutcome()
                    : try queue.claimOrNextDue(kinds: kinds, leaseOwner: leaseOwner, leaseSeconds: worker.configuration.leaseSeconds,
                                               first: freedCap)
                freedCap = nil
                if let job = claimed.job {
                    // A capped kind's job is never chained: the job run is the one claimed.
                    if kinds[job.kind]?.isCapped == true { freedCap = job.kind }
                    // Completing a job claims the next one of its kind in the same statement; a chain is
                    // bounded so that the other kinds get their regular claim turn.
                    var next: Job? = job
                    var chained = 0
                    while let current = next {
                        chained += 1
                        next = execute(current, connection: connection, claimNext: chained < WorkerSlot.maxChain)
                    }
                } else {
                    if let seconds = claimed.secondsUntilNextDue {
                        for watch in worker.dueWatches { watch.report(Date().addingTimeInterval(seconds)) }
                    }
                    woken = idle(connection, poll: pollAt)
                }
            } catch {
                logger.warning("job slot cannot reach the database", metadata: [.error: "\(error)"])
                connection = nil
                pause(1)
            }
        }
    }

    private func connect() throws(PostgresError) -> PostgresConnection {
        if let connection, connection.isConnected { return connection }
        let fresh = try PostgresConnection(conninfo: worker.conninfo, applicationName: "instagate-worker")
        // PostgreSQL's own plan cache (`plan_cache_mode = auto`, as every other connection): after five runs a claim
        // statement keeps its generic plan, which stays on the partial index `jobs_claimable` (`kind = $n`, like a custom
        // plan: EXPLAIN on 200,000 jobs). Planning every claim anew (`force_custom_plan`) cost three times its execution.
        try fresh.execute(unsafeSQL: "LISTEN \(JobQueue.channel)")
        connection = fresh
        return fresh
    }

    /// Waits for a notification, until `poll`, or, while this is the worker's first idle slot, until the next due time
    /// (taking it), checking the stop flag and the due time four times a second; the kinds the notifications named
    /// (their payload), nil when a time came or the connection was lost.
    private func idle(_ connection: PostgresConnection, poll: Date) -> Set<String>? {
        let watch = worker.dueWatch(slot: index)
        watch.setIdle(index, true)
        defer { watch.setIdle(index, false) }
        while !worker.stopFlag.isStopped {
            let now = Date()
            let left = min(poll, watch.dueTime(for: index) ?? poll).timeIntervalSince(now)
            guard left > 0 else {
                watch.take(at: now)
                return nil
            }
            guard let notes = try? connection.waitForNotifications(timeout: min(0.25, left)) else {
                self.connection = nil
                return nil
            }
            if !notes.isEmpty { return Set(notes.map(\.payload)) }
        }
        return nil
    }

    private func pause(_ seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while !worker.stopFlag.isStopped && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
    }

    /// Slot 0 of each worker recovers expired leases and keeps the recurring jobs scheduled.
    private func maintainIfDue(_ queue: JobQueue) {
        guard index == 0, Date() >= nextMaintenance else { return }
        nextMaintenance = Date().addingTimeInterval(worker.configuration.pollInterval)
        do {
            let recovered = try queue.reapExpiredLeases()
            if recovered > 0 {
                logger.notice("recovered jobs with expired leases", metadata: [.count: "\(recovered)"])
                worker.metrics?.leasesRecovered(recovered)
            }
            for kind in worker.kinds.values where kind.recurringInterval != nil {
                try queue.ensureRecurring(kind: kind.name, uniqueKey: kind.recurringKey)
            }
            if let metrics = worker.metrics {
                let depth = try queue.depth()
                metrics.queueDepth(depth, kinds: depthKinds)
                depthKinds.formUnion(depth.map(\.kind))
            }
        } catch {
            logger.warning("queue maintenance failed", metadata: [.error: "\(error)"])
        }
    }

    func handler(for kind: String) -> (any JobHandler)? {
        if let handler = handlers[kind] { return handler }
        guard let made = worker.kinds[kind]?.makeHandler() else { return nil }
        handlers[kind] = made
        return made
    }
}
