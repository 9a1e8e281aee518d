import Foundation
import Logging
import Observability
import Postgres

/// What a handler gets for one attempt: the slot's database connection, a logger with the job id, and
/// the calls that save progress and notice cancellation, shutdown or a lost lease.
public final class JobContext {
    public let job: Job
    /// The slot's own connection (the handler may use it for its data; not inside a transaction of ours).
    public let connection: PostgresConnection
    public let logger: Logger
    let running: RunningJob
    let stop: StopFlag
    /// How long a save extends the lease, for handlers that save their checkpoint in their own statement.
    public let leaseSeconds: Double
    /// Who holds the job's lease (`host:pid/slot`): a handler's own checkpoint statement must check it.
    public var leaseOwner: String { running.leaseOwner }
    var queue: JobQueue { JobQueue(connection: connection) }

    init(job: Job, connection: PostgresConnection, logger: Logger, running: RunningJob, stop: StopFlag, leaseSeconds: Double) {
        self.job = job
        self.connection = connection
        self.logger = logger
        self.running = running
        self.stop = stop
        self.leaseSeconds = leaseSeconds
    }

    /// Throws the interruption that applies, if any: cancelled, lease lost, paused, worker stopping.
    public func checkInterruption() throws(JobInterruption) {
        if running.leaseLost { throw .leaseLost }
        if running.cancelRequested { throw .cancelled }
        if running.pauseRequested { throw .paused }
        if stop.isStopped { throw .shutdown }
    }

    /// Saves the checkpoint and progress (JSON texts), with the handler's own statement `along` in the same round
    /// trip and transaction (`JobQueue.saveCheckpoint`), then stops if an interruption applies.
    public func checkpoint(_ checkpoint: String?, progress: String, along: PostgresQuery? = nil) throws {
        let status = try queue.saveCheckpoint(jobID: job.id, leaseOwner: running.leaseOwner, checkpoint: checkpoint,
                                              progress: progress, leaseSeconds: leaseSeconds, along: along)
        running.apply(status)
        try checkInterruption()
    }

    /// Takes in what a handler's own checkpoint statement learnt about the lease, then stops if an
    /// interruption applies (like `checkpoint`).
    public func apply(_ status: LeaseStatus) throws(JobInterruption) {
        running.apply(status)
        try checkInterruption()
    }

    /// Saves progress only; with `along`, the handler's statement of the work it counts in the same round trip.
    public func progress<Progress: Encodable>(_ progress: Progress, along: PostgresQuery? = nil) throws {
        try checkpoint(nil, progress: JobJSON.encode(progress), along: along)
    }

    /// Adds an event to the job's log (shown by the debug endpoint: never a secret).
    public func event(_ name: String, _ message: String = "", data: String? = nil) {
        do {
            try queue.record(jobID: job.id, event: name, message: message, data: data)
        } catch {
            logger.warning("cannot record job event", metadata: [.event: "\(name)", .error: "\(error)"])
        }
    }

    /// Runs the handler's statement and adds an event to the job's log in one round trip; throws when it fails.
    public func event(_ name: String, _ message: String = "", along statement: PostgresQuery) throws {
        try queue.record(statement, jobID: job.id, event: name, message: message)
    }

    /// The handler's last statement, run in the same round trip as the job's completion (set just before `run`
    /// returns; a thrown attempt never runs it). It runs even when the lease turns out lost: it must be right for
    /// the work done, whoever holds the job.
    public private(set) var alongCompletion: PostgresQuery?

    /// Sets `alongCompletion`.
    public func completeAlong(_ statement: PostgresQuery) {
        alongCompletion = statement
    }

    /// Sleeps up to `seconds`, waking early (and throwing) on cancellation, shutdown or a lost lease.
    public func sleep(_ seconds: Double) throws(JobInterruption) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            try checkInterruption()
            Thread.sleep(forTimeInterval: min(0.1, max(0, deadline.timeIntervalSinceNow)))
        }
        try checkInterruption()
    }
}

/// JSON text for job columns.
public enum JobJSON {
    public static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    public static func decode<Value: Decodable>(_ type: Value.Type, from text: String?) -> Value? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
