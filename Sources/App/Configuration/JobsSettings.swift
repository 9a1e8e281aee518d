/// Settings of the job queue, the worker and the follower analysis (issue 5), from `INSTAGATE_*` variables.
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
    /// Jitter ceiling of a job's first retry in seconds, doubling per attempt up to 300 (`INSTAGATE_JOB_RETRY_DELAY`,
    /// default 2); a follower analysis retries one page within an attempt starting at half of it.
    public var retryDelay: Double

    public init(environment env: [String: String]) {
        func number(_ name: String, _ fallback: Double, minimum: Double = 0) -> Double {
            env[name].flatMap(Double.init).filter { $0 >= minimum && $0.isFinite } ?? fallback
        }
        workerConcurrency = Int(number("INSTAGATE_WORKER_CONCURRENCY", 4, minimum: 1))
        leaseSeconds = number("INSTAGATE_JOB_LEASE_SECONDS", 30, minimum: 2)
        retentionSeconds = number("INSTAGATE_JOB_RETENTION_SECONDS", 7 * 86_400)
        analysisMaxRunning = Int(number("INSTAGATE_ANALYSIS_MAX_RUNNING", 5, minimum: 1))
        analysisPerUser = Int(number("INSTAGATE_ANALYSIS_PER_USER", 2, minimum: 1))
        analysisPageDelay = number("INSTAGATE_ANALYSIS_PAGE_DELAY", 2)
        retryDelay = number("INSTAGATE_JOB_RETRY_DELAY", 2, minimum: 0.01)
    }

    /// Variables that were given but could not be used.
    static func check(_ env: [String: String]) -> [String] {
        let names = ["INSTAGATE_WORKER_CONCURRENCY", "INSTAGATE_JOB_LEASE_SECONDS", "INSTAGATE_JOB_RETENTION_SECONDS",
                     "INSTAGATE_ANALYSIS_MAX_RUNNING", "INSTAGATE_ANALYSIS_PER_USER", "INSTAGATE_ANALYSIS_PAGE_DELAY",
                     "INSTAGATE_JOB_RETRY_DELAY"]
        return names.compactMap { name in
            guard let value = env[name], !value.isEmpty else { return nil }
            return Double(value).map { $0 >= 0 && $0.isFinite } == true ? nil : "\(name)=\(value) is not a non-negative number"
        }
    }
}
