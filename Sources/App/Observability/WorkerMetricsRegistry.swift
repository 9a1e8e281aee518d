import CoreMetrics
import Jobs
import Prometheus

/// The worker's metrics in Prometheus form: a registry of its own that swift-metrics writes into through a
/// `PrometheusMetricsFactory` (job durations in buckets from 5 ms to an hour), and the `WorkerMetrics` that
/// feed it. The process-wide `MetricsSystem` is left alone.
public struct WorkerMetricsRegistry: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let metrics: WorkerMetrics

    static let durationBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5),
        .seconds(15), .seconds(60), .seconds(300), .seconds(900), .seconds(3600),
    ]

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = WorkerMetricsRegistry.durationBuckets
        metrics = WorkerMetrics(factory: factory)
    }

    /// The Prometheus text exposition of every metric.
    public func render() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
