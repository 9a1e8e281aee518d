import HTTPClient
import Logging
import Observability
import Postgres
import Web

/// What one responder thread owns: its PostgreSQL connection, its curl handle, its logger. Created on
/// the thread and never shared, so none of it needs locking. Handlers of authenticated routes get it
/// inside a `UserContext`.
public final class RequestContext {
    public let configuration: AppConfiguration
    /// What the process built once: clients' factory, secret key, link signer.
    public let services: AppServices
    public let metrics: Metrics
    /// The thread's client for CDN files (one libcurl handle).
    public let http: HTTPClient
    /// The thread's clients for Instagram's API, by retry budget (one libcurl handle each, kept across requests: a
    /// call reuses the keep-alive connection of the one before instead of connecting anew). See `instagramAPI`.
    var instagramHTTP: [Int: HTTPClient] = [:]
    /// When the process started.
    public let startedAt: ContinuousClock.Instant
    /// The bulkhead every call to Instagram a client waits on goes through (shared by the process's threads).
    public let upstream: UpstreamBulkhead
    /// The process logger; `logger` carries the current request's id.
    let baseLogger: Logger
    /// The logger for the request being handled (with `request_id`), made on first use: most requests
    /// log nothing, and copying a logger's metadata on every request is measurable at 10k requests/s.
    public var logger: Logger {
        get {
            if let requestLogger { return requestLogger }
            var fresh = baseLogger
            fresh[metadataKey: .requestID] = .string(requestID)
            requestLogger = fresh
            return fresh
        }
        set { requestLogger = newValue }
    }
    private var requestLogger: Logger?
    private var requestID = ""
    /// The matched route's name (`unmatched` until the router finds one), for metrics and logs.
    var routeName = "unmatched"
    /// The request's body was cut at the size limit: it is answered 413 before any route runs.
    var bodyTooLarge = false
    /// This thread's metric handles.
    var metricsCache = MetricsThreadCache()
    private var connection: PostgresConnection?
    /// The session of `connection` that listens on the channels of the process's `NotifiedCache`s
    /// (`RequestContext+Notices`); 0: none.
    var noticeSession = 0

    init(services: AppServices, metrics: Metrics, upstream: UpstreamBulkhead, startedAt: ContinuousClock.Instant, logger: Logger) {
        self.services = services
        self.upstream = upstream
        self.configuration = services.configuration
        self.metrics = metrics
        self.startedAt = startedAt
        self.baseLogger = logger
        self.http = services.instagram.files()
        connection = try? PostgresConnection(conninfo: configuration.databaseURL)
    }

    /// The thread's database connection, (re)connected if needed; 503 when PostgreSQL is unreachable.
    public func database() throws(APIError) -> PostgresConnection {
        do {
            if let connection {
                try connection.reconnectIfNeeded()
                return connection
            }
            let fresh = try PostgresConnection(conninfo: configuration.databaseURL)
            connection = fresh
            return fresh
        } catch {
            metrics.databaseError()
            logger.warning("database unavailable", metadata: [.sqlState: "\(error.sqlState)", .error: "\(error)"])
            throw APIError.databaseUnavailable
        }
    }

    func beginRequest(id: String, bodyTooLarge: Bool) {
        requestID = id
        requestLogger = nil
        routeName = "unmatched"
        self.bodyTooLarge = bodyTooLarge
    }

    /// Whether a message at `level` would be logged (to skip building what it would say).
    func logs(_ level: Logger.Level) -> Bool { baseLogger.logLevel <= level }
}
