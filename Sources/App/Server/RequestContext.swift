import HTTPClient
import Logging
import Postgres
import Web

/// What one responder thread owns: its PostgreSQL connection, its curl handle, its logger. Created on
/// the thread and never shared, so none of it needs locking.
public final class RequestContext {
    public let configuration: AppConfiguration
    public let metrics: Metrics
    /// The thread's outbound HTTP client (one libcurl handle).
    public let http: HTTPClient
    /// The process logger; `logger` carries the current request's id.
    let baseLogger: Logger
    /// The logger for the request being handled (with `request_id`), made on first use: most requests
    /// log nothing, and copying a logger's metadata on every request is measurable at 10k requests/s.
    public var logger: Logger {
        get {
            if let requestLogger { return requestLogger }
            var fresh = baseLogger
            fresh[metadataKey: "request_id"] = .string(requestID)
            requestLogger = fresh
            return fresh
        }
        set { requestLogger = newValue }
    }
    private var requestLogger: Logger?
    private var requestID = ""
    /// The authenticated API user of the current `/api/` request.
    public var user: APIUser?
    /// This thread's metric handles.
    var metricsCache = MetricsThreadCache()
    private var connection: PostgresConnection?

    private let secrets: Result<SecretBox, SecretBoxError>

    init(configuration: AppConfiguration, metrics: Metrics, secrets: Result<SecretBox, SecretBoxError>, logger: Logger) {
        self.secrets = secrets
        self.configuration = configuration
        self.metrics = metrics
        self.baseLogger = logger
        self.http = HTTPClient(configuration: HTTPClientConfiguration(
            allowedHosts: HostAllowList([configuration.instagramWebURL, configuration.instagramAPIURL]
                .compactMap { URLParts($0)?.hostAndPort } + configuration.instagramCDNHosts.patterns)))
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
            logger.warning("database unavailable", metadata: ["sqlstate": "\(error.sqlState)", "error": "\(error.message)"])
            throw APIError.databaseUnavailable
        }
    }

    /// The box that encrypts secrets at rest; 500 `SECRET_KEY_UNAVAILABLE` when the key file is unusable.
    public func secretBox() throws(APIError) -> SecretBox {
        switch secrets {
        case .success(let box): return box
        case .failure(let error):
            logger.error("secret key unavailable", metadata: ["error": "\(error)"])
            throw APIError(.internalServerError, "SECRET_KEY_UNAVAILABLE",
                           "The server's secret key file is missing or invalid; secrets cannot be stored. See INSTAGATE_SECRET_KEY_FILE.")
        }
    }

    /// The authenticated user; handlers under `/api/` can rely on it.
    public func requireUser() throws(APIError) -> APIUser {
        guard let user else { throw APIError.unauthorized }
        return user
    }

    func beginRequest(id: String) {
        requestID = id
        requestLogger = nil
        user = nil
    }

    /// Whether a message at `level` would be logged (to skip building what it would say).
    func logs(_ level: Logger.Level) -> Bool { baseLogger.logLevel <= level }
}
