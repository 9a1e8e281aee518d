import FastCGI
import Foundation
import Logging
import Postgres
import Web

/// instagate's HTTP application: the routes, authentication of `/api/`, the error envelope, metrics
/// and request logging around every handler.
public struct Application: Sendable {
    public let configuration: AppConfiguration
    public let metrics: Metrics
    public let router: Router<RequestContext>
    public let startedAt: ContinuousClock.Instant
    /// The key that encrypts secrets at rest; nil (with the reason logged) when the key file is unusable.
    let secrets: Result<SecretBox, SecretBoxError>
    let logger: Logger
    /// The method as a metrics label: one of the known methods, else `OTHER` (bounded label values).
    static func metricMethod(_ method: String) -> String {
        switch method {
        case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS": method
        default: "OTHER"
        }
    }

    public init(configuration: AppConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.metrics = Metrics(threads: configuration.threads)
        self.startedAt = .now
        self.router = Routes.make()
        do {
            secrets = .success(try SecretBox(keyFile: configuration.secretKeyFile))
        } catch {
            secrets = .failure(error)
            logger.warning("secrets cannot be stored: \(error)")
        }
    }

    /// A context for one responder thread (connects to PostgreSQL if it can; later requests retry).
    public func makeContext(thread: Int) -> RequestContext {
        var threadLogger = logger
        threadLogger[metadataKey: "thread"] = .stringConvertible(thread)
        return RequestContext(configuration: configuration, metrics: metrics, secrets: secrets, logger: threadLogger)
    }

    /// Answers one request. Never throws: every failure becomes the error envelope.
    public func respond(to incoming: FastCGIRequest, context: RequestContext) -> FastCGIResponse {
        let start = ContinuousClock.now
        metrics.requestStarted()
        var routeName = "unmatched"
        var request = HTTPRequest(parsing: incoming)
        let method = request.method, requestID = request.requestID
        context.beginRequest(id: requestID)
        var response: HTTPResponse
        do {
            if incoming.bodyTooLarge { throw APIError.payloadTooLarge }
            response = try dispatch(&request, context: context, routeName: &routeName)
        } catch {
            response = HTTPResponse.error(apiError(for: error, context: context), requestID: requestID)
        }
        response.headers["X-Request-ID"] = requestID
        if method == "HEAD" { response = response.withoutBody() }
        let elapsed = ContinuousClock.now - start
        metrics.requestFinished(route: routeName, method: Application.metricMethod(method), status: response.status.code, duration: elapsed,
                                cache: &context.metricsCache)
        if context.logs(.debug) {
            context.logger.debug("request", metadata: [
                "method": "\(method)", "route": "\(routeName)", "status": "\(response.status.code)",
                "ms": "\(Double(elapsed.nanoseconds) / 1e6)",
            ])
        }
        return response.fastCGIResponse()
    }

    private func dispatch(_ request: inout HTTPRequest, context: RequestContext, routeName: inout String) throws -> HTTPResponse {
        switch try router.match(method: request.method, rawPath: request.rawPath) {
        case .notFound:
            throw APIError.notFound("No endpoint at \(request.method) \(request.path.prefix(200)). See /openapi.json.")
        case .methodNotAllowed(let allowed):
            throw APIError.methodNotAllowed(allowed: allowed)
        case .found(let route, let parameters):
            routeName = route.name
            request.pathParameters = parameters
            if route.pattern.hasPrefix("/api/") && route.pattern != "/api/health" {
                context.user = try Authenticator.authenticate(request, context: context)
                context.logger[metadataKey: "user_id"] = .stringConvertible(context.user?.id ?? 0)
            }
            var mutableContext = context
            return try route.handler(request, &mutableContext)
        }
    }

    private func apiError(for error: any Error, context: RequestContext) -> APIError {
        switch error {
        case let error as APIError:
            if error.status.code >= 500 { context.logger.error("request failed", metadata: ["error": "\(error)"]) }
            return error
        case let error as PostgresError where error.isConnectionFailure:
            context.metrics.databaseError()
            context.logger.warning("database connection lost", metadata: ["sqlstate": "\(error.sqlState)"])
            return .databaseUnavailable
        case let error as PostgresError:
            context.metrics.databaseError()
            context.logger.error("database error", metadata: ["sqlstate": "\(error.sqlState)", "error": "\(error)"])
            return .internalError
        default:
            context.logger.error("unexpected error", metadata: ["error": "\(error)"])
            return .internalError
        }
    }
}
