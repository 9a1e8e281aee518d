import Logging
import Observability

/// The recurring maintenance job: removes finished jobs older than the retention period.
public final class CleanupJob: JobHandler {
    /// The kind name of the cleanup job.
    public static let kind = "jobs.cleanup"
    let retentionSeconds: Double

    public init(retentionSeconds: Double) {
        self.retentionSeconds = retentionSeconds
    }

    public func run(_ job: Job, context: JobContext) throws -> String? {
        let removed = try context.queue.removeFinished(olderThan: retentionSeconds)
        if removed > 0 { context.logger.info("removed finished jobs", metadata: [.count: "\(removed)"]) }
        return "{\"removed\":\(removed)}"
    }

    /// The kind, run every `interval` seconds by one worker at a time.
    public static func kind(retentionSeconds: Double, interval: Double) -> JobKind {
        JobKind(name: kind, recurringInterval: interval) { CleanupJob(retentionSeconds: retentionSeconds) }
    }
}
