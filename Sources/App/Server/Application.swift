import FastCGI
import Foundation
import Logging
import Observability
import Postgres
import Web

/// instagate's HTTP application: the route table (`Routes`) behind the middleware every request passes
/// (metrics, request log, the error envelope), and what each responder thread owns (`makeContext`).
///
/// A request's path: `respond(to:context:)` parses it, the middleware chain runs, the router finds the route,
/// the route's group middleware runs (authentication, limits), then its handler.
public struct Application: Sendable {
    public let configuration: AppConfiguration
    public let metrics: Metrics
    /// The routes, each with its group middleware.
    public let router: Router<Responder<RequestContext>>
    /// When the process started (`uptime_seconds` of `/health`).
    public let startedAt: ContinuousClock.Instant
    /// What the threads share, built once: the Instagram clients' factory, the secret key, the link signer.
    public let services: AppServices
    let logger: Logger
    /// The threads that may wait on Instagram at once (shared by every responder thread).
    let upstream: UpstreamBulkhead
    /// Everything a request goes through: metrics, request log, errors, then the route.
    private let responder: Responder<RequestContext>

    /// The application; `startedAt` is when the process started (tests may set it in the past).
    public init(configuration: AppConfiguration, logger: Logger, startedAt: ContinuousClock.Instant = .now) {
        self.configuration = configuration
        self.logger = logger
        let metrics = Metrics(threads: configuration.threads)
        self.metrics = metrics
        self.startedAt = startedAt
        self.upstream = UpstreamBulkhead(capacity: configuration.upstream.threads)
        let router = Routes.make()
        self.router = router
        services = AppServices(configuration: configuration, logger: logger)
        let route: Responder<RequestContext> = { request, context in try Application.dispatch(request, context: context, router: router) }
        // Composed once: each layer's `next` is a closure made here, not one allocated per request.
        let errors = ErrorMiddleware(), log = RequestLogMiddleware(), measure = MetricsMiddleware(metrics: metrics)
        let answered: Responder<RequestContext> = { request, context in try errors.handle(request, context: context, next: route) }
        let logged: Responder<RequestContext> = { request, context in try log.handle(request, context: context, next: answered) }
        responder = { request, context in try measure.handle(request, context: context, next: logged) }
    }

    /// A context for one responder thread (connects to PostgreSQL if it can; later requests retry).
    public func makeContext(thread: Int) -> RequestContext {
        var threadLogger = logger
        threadLogger[metadataKey: .thread] = .stringConvertible(thread)
        return RequestContext(services: services, metrics: metrics, upstream: upstream, startedAt: startedAt, logger: threadLogger)
    }

    /// Answers one FastCGI request. Never throws: every failure becomes the error envelope.
    public func respond(to incoming: FastCGIRequest, context: RequestContext) -> FastCGIResponse {
        respond(to: HTTPRequest(parsing: incoming), bodyTooLarge: incoming.bodyTooLarge, context: context).fastCGIResponse()
    }

    /// Answers one parsed request (the in-process test harness calls this directly). Never throws.
    public func respond(to request: HTTPRequest, bodyTooLarge: Bool = false, context: RequestContext) -> HTTPResponse {
        context.beginRequest(id: request.requestID, bodyTooLarge: bodyTooLarge)
        var response: HTTPResponse
        do {
            response = try responder(request, context)
        } catch {
            response = .error(ErrorMiddleware.apiError(for: error, context: context), requestID: request.requestID)
        }
        response.headers["X-Request-ID"] = request.requestID
        return request.method == "HEAD" ? response.withoutBody() : response
    }

    /// Finds the route (404 and 405 as the envelope) and runs it with its path parameters; a body cut at the
    /// size limit is 413 before any route sees it.
    static func dispatch(_ request: HTTPRequest, context: RequestContext, router: Router<Responder<RequestContext>>) throws -> HTTPResponse {
        if context.bodyTooLarge { throw APIError.payloadTooLarge }
        switch try router.match(method: request.method, rawPath: request.rawPath) {
        case .notFound:
            throw APIError.notFound("No endpoint at \(request.method) \(request.path.prefix(200)). See /openapi.json.")
        case .methodNotAllowed(let allowed):
            throw APIError.methodNotAllowed(allowed: allowed)
        case .found(let route, let parameters):
            context.routeName = route.name
            var matched = request
            matched.pathParameters = parameters
            return try route.handler(matched, context)
        }
    }
}
