import Foundation

/// How a worker process runs: slots, leases, wake-ups, retention. Defaults suit production.
public struct WorkerConfiguration: Sendable {
    /// Job slots (threads), each with its own PostgreSQL connection.
    public var concurrency: Int
    /// Seconds a claim is valid without a heartbeat; another worker takes the job over after it.
    public var leaseSeconds: Double
    /// Seconds between heartbeats (also how fast cancellation reaches a running job).
    public var heartbeatInterval: Double
    /// Seconds an idle slot waits for a notification before polling anyway (lost notifications, `run_at`).
    public var pollInterval: Double
    /// Seconds SIGTERM waits for running jobs to checkpoint and release their leases.
    public var shutdownTimeout: Double
    /// Seconds finished jobs are kept before the cleanup job removes them.
    public var retentionSeconds: Double
    /// Seconds between runs of the cleanup job.
    public var cleanupInterval: Double
    public var retryPolicy: RetryPolicy
    /// This process in lease owners: `host:pid` by default.
    public var workerID: String

    public init(concurrency: Int = 4, leaseSeconds: Double = 30, heartbeatInterval: Double = 2, pollInterval: Double = 5,
                shutdownTimeout: Double = 10, retentionSeconds: Double = 7 * 86_400, cleanupInterval: Double = 600,
                retryPolicy: RetryPolicy = RetryPolicy(), workerID: String? = nil) {
        self.concurrency = max(1, concurrency)
        self.leaseSeconds = max(1, leaseSeconds)
        self.heartbeatInterval = max(0.1, min(heartbeatInterval, leaseSeconds / 3))
        self.pollInterval = max(0.1, pollInterval)
        self.shutdownTimeout = max(0, shutdownTimeout)
        self.retentionSeconds = max(0, retentionSeconds)
        self.cleanupInterval = max(1, cleanupInterval)
        self.retryPolicy = retryPolicy
        self.workerID = workerID ?? "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }
}
