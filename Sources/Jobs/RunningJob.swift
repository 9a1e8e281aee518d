import Foundation
import Synchronization

/// A job a slot is running: what the heartbeat and the signal handler tell it, read by its handler.
public final class RunningJob: Sendable {
    public let jobID: Int64
    public let leaseOwner: String
    private let flags = Mutex(Flags())

    struct Flags {
        var cancelRequested = false
        var leaseLost = false
        var pauseRequested = false
    }

    init(jobID: Int64, leaseOwner: String) {
        self.jobID = jobID
        self.leaseOwner = leaseOwner
    }

    func apply(_ status: LeaseStatus) {
        flags.withLock { flags in
            switch status {
            case .held: break
            case .cancelRequested: flags.cancelRequested = true
            case .pauseRequested: flags.pauseRequested = true
            case .lost: flags.leaseLost = true
            }
        }
    }

    var cancelRequested: Bool { flags.withLock { $0.cancelRequested } }
    var leaseLost: Bool { flags.withLock { $0.leaseLost } }
    var pauseRequested: Bool { flags.withLock { $0.pauseRequested } }
}

/// The jobs a worker runs now, shared between its slots and its heartbeat thread.
final class RunningJobs: Sendable {
    private let jobs = Mutex<[Int64: RunningJob]>([:])

    func add(_ job: RunningJob) { jobs.withLock { $0[job.jobID] = job } }
    func remove(_ job: RunningJob) { jobs.withLock { _ = $0.removeValue(forKey: job.jobID) } }
    var all: [RunningJob] { jobs.withLock { Array($0.values) } }
}

/// A flag set once by the signal thread and read by every slot.
public final class StopFlag: Sendable {
    private let stopped = Atomic<Bool>(false)
    public init() {}
    public func stop() { stopped.store(true, ordering: .releasing) }
    public var isStopped: Bool { stopped.load(ordering: .acquiring) }
}
