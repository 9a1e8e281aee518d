import CoreMetrics

/// What a worker reports through swift-metrics, to the factory it is given (`instagate work` gives a Prometheus
/// one and serves it on loopback):
///
/// | metric | type | labels |
/// |---|---|---|
/// | `instagate_worker_jobs_total` | counter: job attempts that ended here | `kind`, `outcome` (`Outcome`) |
/// | `instagate_worker_job_duration_seconds` | timer (a histogram in Prometheus): how long an attempt ran | `kind`, `outcome` |
/// | `instagate_worker_lease_losses_total` | counter: attempts that found another worker had taken their job over | `kind` |
/// | `instagate_worker_leases_recovered_total` | counter: expired leases (a dead or stuck worker) this worker put back | — |
/// | `instagate_worker_queue_depth` | gauge: jobs in the queue, all workers together, sampled every poll interval | `kind`, `state` (`queued`, `running`) |
public struct WorkerMetrics: Sendable {
    /// How a job attempt ended.
    public enum Outcome: String, Sendable, CaseIterable {
        case completed
        /// Failed and queued again after a backoff.
        case retried
        /// Failed for good (its last attempt, or an error not worth retrying).
        case failed
        case cancelled
        /// Given back at shutdown, not charged as an attempt.
        case released
        /// Another worker had taken the job over (this worker's lease had expired).
        case leaseLost = "lease_lost"
    }

    static let jobs = "instagate_worker_jobs_total"
    static let duration = "instagate_worker_job_duration_seconds"
    static let leaseLosses = "instagate_worker_lease_losses_total"
    static let leasesRecovered = "instagate_worker_leases_recovered_total"
    static let queueDepth = "instagate_worker_queue_depth"

    private let factory: any MetricsFactory

    /// Metrics made by `factory` (Prometheus's in `instagate work`, a test's in tests).
    public init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// One attempt of a `kind` job ended with `outcome` after `duration`.
    func attemptEnded(kind: String, outcome: Outcome, duration: Duration) {
        let dimensions = [("kind", kind), ("outcome", outcome.rawValue)]
        Counter(label: Self.jobs, dimensions: dimensions, factory: factory).increment()
        let (seconds, attoseconds) = duration.components
        Timer(label: Self.duration, dimensions: dimensions, factory: factory)
            .recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        if outcome == .leaseLost {
            Counter(label: Self.leaseLosses, dimensions: [("kind", kind)], factory: factory).increment()
        }
    }

    /// This worker's maintenance put `count` jobs with expired leases back in the queue (or failed them).
    func leasesRecovered(_ count: Int) {
        Counter(label: Self.leasesRecovered, factory: factory).increment(by: count)
    }

    /// The jobs `queued` and `running` per kind; `kinds` are also reported, with 0, when they have none.
    func queueDepth(_ depth: [JobQueue.Depth], kinds: Set<String>) {
        var counts: [String: [JobState: Int]] = Dictionary(uniqueKeysWithValues: kinds.map { ($0, [:]) })
        for entry in depth { counts[entry.kind, default: [:]][entry.state] = entry.count }
        for (kind, states) in counts {
            for state in [JobState.queued, .running] {
                Gauge(label: Self.queueDepth, dimensions: [("kind", kind), ("state", state.rawValue)], factory: factory)
                    .record(states[state] ?? 0)
            }
        }
    }
}
