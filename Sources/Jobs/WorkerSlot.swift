import Foundation
import Logging
import Observability
import Postgres

/// One job slot: claims a job, runs it with its kind's handler, records the outcome, repeats; idle, it
/// waits for a notification or the poll interval.
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

    func run() {
        // The kinds named by the notifications that woke the slot: only they are claimed then (nil: every kind, after
        // a poll or a job). Every idle slot of every worker wakes on each enqueue.
        var woken: Set<String>?
        while !worker.stopFlag.isStopped {
            do {
                let connection = try connect()
                maintainIfDue(JobQueue(connection: connection))
                var kinds = worker.claimKinds(slot: index)
                if let named = woken { kinds = kinds.filter { named.contains($0.key) } }
                woken = nil
                if !kinds.isEmpty, let job = try JobQueue(connection: connection).claim(
                    kinds: kinds, leaseOwner: leaseOwner, leaseSeconds: worker.configuration.leaseSeconds) {
                    // Completing a job claims the next one of its kind in the same statement; a chain is
                    // bounded so that the other kinds get their regular claim turn.
                    var next: Job? = job
                    var chained = 0
                    while let current = next {
                        chained += 1
                        next = execute(current, connection: connection, claimNext: chained < WorkerSlot.maxChain)
                    }
                } else {
                    woken = idle(connection)
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
        // Custom plans: a generic plan for the claim can fall back to scanning the whole table.
        try fresh.execute(unsafeSQL: "SET plan_cache_mode = force_custom_plan; LISTEN \(JobQueue.channel)")
        connection = fresh
        return fresh
    }

    /// Waits for a notification or the poll interval, checking the stop flag four times a second; the kinds the
    /// notifications named (their payload), nil when the poll interval passed.
    private func idle(_ connection: PostgresConnection) -> Set<String>? {
        let deadline = Date().addingTimeInterval(worker.configuration.pollInterval)
        while !worker.stopFlag.isStopped && Date() < deadline {
            guard let notes = try? connection.waitForNotifications(timeout: min(0.25, worker.configuration.pollInterval)) else {
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
