import Foundation
import Logging
import Observability
import Postgres
import Synchronization

/// `instagate work`: N job slots on OS threads, each with its own PostgreSQL connection, woken by
/// `LISTEN/NOTIFY` with a slow poll as fallback, plus a heartbeat thread that extends the leases of the
/// jobs running here and carries cancellation to them.
public final class Worker: Sendable {
    public let configuration: WorkerConfiguration
    let kinds: [String: JobKind]
    let conninfo: String
    let logger: Logger
    /// Where the slots report attempts, lease losses and the queue's depth; nil reports nothing.
    let metrics: WorkerMetrics?
    let running = RunningJobs()
    /// Which idle slot waits for the next queued job's due time, and that time: one watch for the slots that claim
    /// every kind, one for the prompt slot (which must wake for a post due at its minute while the others are busy).
    let dueWatches = [DueWatch(), DueWatch()]
    public let stopFlag = StopFlag()

    public init(configuration: WorkerConfiguration, kinds: [JobKind], conninfo: String, logger: Logger,
                metrics: WorkerMetrics? = nil) {
        self.configuration = configuration
        self.kinds = Dictionary(kinds.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.conninfo = conninfo
        self.logger = logger
        self.metrics = metrics
    }

    /// The slots: `concurrency` that claim every kind, and one more that claims only the prompt kinds
    /// (`JobKindPolicy.isPrompt`) when there are any, so that those never wait behind long jobs.
    var slotCount: Int { configuration.concurrency + (kinds.values.contains { $0.policy.isPrompt } ? 1 : 0) }

    /// The kinds slot `index` claims: the prompt kinds for the extra slot, every kind for the others.
    func claimKinds(slot index: Int) -> [String: JobKindPolicy] {
        let all = kinds.mapValues(\.policy)
        return index >= configuration.concurrency ? all.filter(\.value.isPrompt) : all
    }

    /// The due-time watch of slot `index`'s kind of slot.
    func dueWatch(slot index: Int) -> DueWatch {
        dueWatches[index >= configuration.concurrency ? 1 : 0]
    }

    /// Runs the slots until `stopFlag` is set, then waits up to `shutdownTimeout` for them. Returns
    /// whether every slot finished in time.
    @discardableResult
    public func run() -> Bool {
        let finished = DispatchGroup()
        for slot in 0..<slotCount {
            finished.enter()
            startThread(name: "job-slot-\(slot)") { [self] in
                WorkerSlot(worker: self, index: slot).run()
                finished.leave()
            }
        }
        let heartbeatDone = DispatchGroup()
        heartbeatDone.enter()
        startThread(name: "job-heartbeat") { [self] in
            Heartbeat(worker: self).run(until: { finished.wait(timeout: .now()) == .success })
            heartbeatDone.leave()
        }
        while !stopFlag.isStopped { Thread.sleep(forTimeInterval: 0.1) }
        let inTime = finished.wait(timeout: .now() + configuration.shutdownTimeout) == .success
        _ = heartbeatDone.wait(timeout: .now() + 1)
        return inTime
    }

    /// Runs until SIGTERM or SIGINT (blocked in all threads, received with `sigwait`), then stops.
    public func runUntilSignalled() -> (signal: Int32, inTime: Bool) {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let received = Atomic32()
        let waitFor = signals
        startThread(name: "job-signals") { [self] in
            var signal: Int32 = 0
            var set = waitFor
            sigwait(&set, &signal)
            received.value = signal
            logger.info("stopping: no new claims, running jobs checkpoint and release", metadata: [.signal: "\(signal)"])
            stopFlag.stop()
        }
        let inTime = run()
        return (received.value, inTime)
    }

    func startThread(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }
}

/// The signal number handed from the signal thread.
final class Atomic32: Sendable {
    private let storage = Mutex<Int32>(0)
    var value: Int32 {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
