import Foundation
import HTTPClient
import Instagram
import Jobs
import Logging
import Observability

/// What `instagate work` runs: the job kinds of instagate with their handlers and limits.
public enum WorkerApplication {
    /// A worker with every kind instagate knows, configured from `configuration`, reporting to `metrics`.
    public static func makeWorker(configuration: AppConfiguration, concurrency: Int?, logger: Logger,
                                  metrics: WorkerMetrics? = nil) -> Worker {
        let settings = configuration.jobs
        let workerConfiguration = WorkerConfiguration(
            concurrency: concurrency ?? settings.workerConcurrency, leaseSeconds: settings.leaseSeconds,
            heartbeatInterval: min(2, settings.leaseSeconds / 3), shutdownTimeout: configuration.shutdownTimeout,
            retentionSeconds: settings.retentionSeconds, retryPolicy: RetryPolicy(baseDelay: settings.retryDelay))
        return Worker(configuration: workerConfiguration, kinds: kinds(configuration: configuration, logger: logger),
                      conninfo: configuration.databaseURL, logger: logger, metrics: metrics)
    }

    /// Serves the worker's metrics on `address` (`MetricsListener`) and returns what feeds them.
    public static func serveMetrics(on address: LoopbackAddress, logger: Logger) throws(MetricsListenerError) -> WorkerMetrics {
        let registry = WorkerMetricsRegistry()
        let listener = try MetricsListener(address: address, render: registry.render)
        listener.start()
        logger.info("serving metrics", metadata: [.address: "http://\(listener.address)/metrics"])
        return registry.metrics
    }

    /// The kinds: follower analysis (capped globally and per user) and the recurring cleanup.
    public static func kinds(configuration: AppConfiguration, logger: Logger) -> [JobKind] {
        let services = AppServices(configuration: configuration, logger: logger)
        let settings = configuration.jobs
        let analysis = JobKind(name: AnalysisRequest.kind,
                               policy: JobKindPolicy(globalCap: settings.analysisMaxRunning, perUserCap: settings.analysisPerUser)) {
            FollowerAnalysisJob(client: services.instagram.api(logger: logger, pacer: nil, maxRetries: 0),
                                       secrets: services.secrets, pageDelay: settings.analysisPageDelay,
                                       retryDelay: settings.retryDelay / 2)
        }
        return [analysis, AnalysisCleanupJob.kind(seconds: settings.analysisCleanupSeconds),
                CleanupJob.kind(retentionSeconds: settings.retentionSeconds, interval: 600), NoopJob.kind,
                DownloadRetentionJob.kind(settings: configuration.downloads), DownloadJob.kind(services: services, logger: logger),
                CollectionDownloadJob.kind(services: services, logger: logger), WebhookDeliveryJob.kind(services: services),
                SessionCleanupJob.kind(), TokenRefreshJob.kind(settings: configuration.graph, secrets: services.secrets),
                InfoRefreshJob.kind(settings: configuration.graph, secrets: services.secrets),
                PublishJob.kind(services: services), BulkActionJob.kind(services: services),
                InsightsCollectJob.kind(settings: configuration.graph, secrets: services.secrets),
                UploadCleanupJob.kind(configuration: configuration),
                WebhookSubscribeJob.kind(settings: configuration.graph, secrets: services.secrets)]
    }
}

/// A job that does nothing: the queue's benchmark (`instagate work --bench`) and smoke tests.
public final class NoopJob: JobHandler {
    public static let kind = JobKind(name: "noop") { NoopJob() }
    public func run(_ job: Job, context: JobContext) throws -> String? { nil }
}

extension WorkerApplication {
    /// The queue benchmark: `jobs` no-op jobs with `concurrency` slots. Returns the line to print and
    /// whether it passed (no double runs, every job completed).
    public static func benchmark(configuration: AppConfiguration, jobs: Int, concurrency: Int, logger: Logger) throws -> (String, Bool) {
        let report = try QueueBenchmark(conninfo: configuration.databaseURL, logger: logger).run(count: jobs, concurrency: concurrency)
        let line = String(format: "queue: %d no-op jobs with %d slots in %.2f s = %.0f jobs/s; double runs: %d; completed in database: %d",
                          report.jobs, concurrency, report.seconds, report.jobsPerSecond, report.doubleRuns, report.completedInDatabase)
        return (line, report.doubleRuns == 0 && report.completedInDatabase == report.jobs)
    }
}
