import Jobs

/// Settings of the job queue, the worker and the follower analysis (issue 5), from `INSTAGATE_*` variables.
/// The worker's own defaults are `WorkerConfiguration`'s and `RetryPolicy`'s.
public struct JobsSettings: Sendable, Equatable {
    /// Job slots of `instagate work` when `--concurrency` is not given (`INSTAGATE_WORKER_CONCURRENCY`, default 4).
    public var workerConcurrency: Int
    /// Seconds a job's lease lasts without a heartbeat (`INSTAGATE_JOB_LEASE_SECONDS`, default 30).
    public var leaseSeconds: Double
    /// Seconds finished jobs are kept (`INSTAGATE_JOB_RETENTION_SECONDS`, default 7 days).
    public var retentionSeconds: Double
    /// Follower analyses running at once, all workers together (`INSTAGATE_ANALYSIS_MAX_RUNNING`, default 5).
    public var analysisMaxRunning: Int
    /// Follower analyses running at once per API user (`INSTAGATE_ANALYSIS_PER_USER`, default 2).
    public var analysisPerUser: Int
    /// Mean seconds between two list pages, jittered ±50 % (`INSTAGATE_ANALYSIS_PAGE_DELAY`, default 2; 0 = off).
    public var analysisPageDelay: Double
    /// Seconds a finished follower analysis is kept before the worker removes it (its snapshot stays)
    /// (`INSTAGATE_ANALYSIS_CLEANUP_SECONDS`, default 300: the earlier service's 5 minutes).
    public var analysisCleanupSeconds: Double
    /// Jitter ceiling of a job's first retry in seconds, doubling per attempt up to 300 (`INSTAGATE_JOB_RETRY_DELAY`,
    /// default 2); a follower analysis retries one page within an attempt starting at half of it.
    public var retryDelay: Double
    /// Where `instagate work` serves its Prometheus metrics, plain HTTP `GET /metrics` on a loopback `HOST:PORT`
    /// (`INSTAGATE_WORKER_METRICS_LISTEN`; `--metrics-listen` overrides). Default unset: no listener.
    public var metricsListen: LoopbackAddress?

    init(reading env: inout EnvironmentReader) {
        let worker = WorkerConfiguration(workerID: "defaults")
        workerConcurrency = env.integer("INSTAGATE_WORKER_CONCURRENCY", default: worker.concurrency, in: 1...256)
        leaseSeconds = env.number("INSTAGATE_JOB_LEASE_SECONDS", default: worker.leaseSeconds, in: 2...86_400)
        retentionSeconds = env.number("INSTAGATE_JOB_RETENTION_SECONDS", default: worker.retentionSeconds,
                                      in: 0...Double.greatestFiniteMagnitude)
        analysisMaxRunning = env.integer("INSTAGATE_ANALYSIS_MAX_RUNNING", default: 5, in: 1...10_000)
        analysisPerUser = env.integer("INSTAGATE_ANALYSIS_PER_USER", default: 2, in: 1...10_000)
        analysisPageDelay = env.number("INSTAGATE_ANALYSIS_PAGE_DELAY", default: 2, in: 0...3600)
        analysisCleanupSeconds = env.number("INSTAGATE_ANALYSIS_CLEANUP_SECONDS", default: 300, in: 0...Double.greatestFiniteMagnitude)
        retryDelay = env.number("INSTAGATE_JOB_RETRY_DELAY", default: RetryPolicy().baseDelay, in: 0.01...3600)
        metricsListen = env.value("INSTAGATE_WORKER_METRICS_LISTEN", default: nil, expected: LoopbackAddress.expected) {
            LoopbackAddress(parsing: $0).map { .some($0) }
        }
    }
}
