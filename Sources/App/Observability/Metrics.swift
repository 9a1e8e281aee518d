import Prometheus
import Synchronization

/// The responder's Prometheus metrics: requests by route and status, latency by route, database
/// errors, and threads busy. Shared by all threads.
public final class Metrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let requestCounters = Mutex<[String: Counter]>([:])
    private let latencies = Mutex<[String: DurationHistogram]>([:])
    private let errorCounters = Mutex<[String: Counter]>([:])
    private let databaseErrors: Counter
    private let busy = Atomic<Int>(0)
    private let busyGauge: Gauge
    private let threadsGauge: Gauge

    static var requests: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "instagate", subsystem: "http", metricName: "requests", unitName: "total",
        helpText: "HTTP requests answered, by route, method and status.") }
    static var duration: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "instagate", subsystem: "http", metricName: "request_duration", unitName: "seconds",
        helpText: "Time to answer a request, by route.") }

    static var errors: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "instagate", subsystem: "http", metricName: "errors", unitName: "total",
        helpText: "Error answers (the envelope), by route, method, status and error_code: deploy/check-error-codes compares them with the OpenAPI document.") }

    static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    public init(threads: Int) {
        databaseErrors = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "instagate", subsystem: "database", metricName: "errors", unitName: "total",
            helpText: "Database operations that failed."))
        busyGauge = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "instagate", metricName: "threads_busy", unitName: "", helpText: "Responder threads handling a request now."))
        threadsGauge = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "instagate", metricName: "threads", unitName: "", helpText: "Responder threads in the pool."))
        threadsGauge.set(Double(threads))
    }

    /// Marks a thread busy for the duration of a request.
    public func requestStarted() { busy.add(1, ordering: .relaxed) }

    /// Records a finished request. `cache` is the calling thread's, so the shared maps are only
    /// locked the first time a thread sees a route/method/status.
    public func requestFinished(route: String, method: String, status: Int, duration: Duration,
                                cache: inout MetricsThreadCache) {
        busy.subtract(1, ordering: .relaxed)
        if let entry = cache.entry(route: route, method: method, status: status) {
            entry.counter.increment()
            entry.histogram.recordNanoseconds(duration.nanoseconds)
            return
        }
        let textKey = "\(method) \(route) \(status)"
        let counter = requestCounters.withLock { counters in
            if let counter = counters[textKey] { return counter }
            let counter = registry.makeCounter(descriptor: Metrics.requests,
                                               labels: [("route", route), ("method", method), ("status", String(status))])
            counters[textKey] = counter
            return counter
        }
        counter.increment()
        let histogram = latencies.withLock { histograms in
            if let histogram = histograms[route] { return histogram }
            let histogram = registry.makeDurationHistogram(descriptor: Metrics.duration,
                                                           labels: [("route", route)], buckets: Metrics.latencyBuckets)
            histograms[route] = histogram
            return histogram
        }
        cache.entries.append(.init(route: route, method: method, status: status, counter: counter, histogram: histogram))
        histogram.recordNanoseconds(duration.nanoseconds)
    }

    /// Counts an error answer by its `error_code` (a few per request at most: errors are the rare path, so the
    /// shared map's lock is fine here).
    public func errorAnswered(route: String, method: String, status: Int, code: String) {
        let key = "\(method) \(route) \(status) \(code)"
        let counter = errorCounters.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = registry.makeCounter(descriptor: Metrics.errors,
                                               labels: [("route", route), ("method", method), ("status", String(status)), ("code", code)])
            counters[key] = counter
            return counter
        }
        counter.increment()
    }

    /// Counts a failed database operation.
    public func databaseError() { databaseErrors.increment() }

    /// The Prometheus text exposition of every metric.
    public func render() -> [UInt8] {
        busyGauge.set(Double(busy.load(ordering: .relaxed)))
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// One responder thread's references to the metrics it has used, so recording takes no shared lock.
/// A short list searched in order: a thread sees a few dozen route/method/status combinations, and the
/// route names it compares are the router's own strings (equal storage compares at once).
public struct MetricsThreadCache {
    struct Entry {
        var route: String
        var method: String
        var status: Int
        var counter: Counter
        var histogram: DurationHistogram
    }

    var entries: [Entry] = []

    public init() {}

    func entry(route: String, method: String, status: Int) -> Entry? {
        for entry in entries where entry.status == status && entry.route == route && entry.method == method {
            return entry
        }
        return nil
    }
}
