import Observability
import Web

/// One debug line per request (method, route, status, milliseconds) with the request's id. Nothing is built
/// when debug logging is off: most requests log nothing.
struct RequestLogMiddleware: Middleware {
    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder<RequestContext>) throws -> HTTPResponse {
        guard context.logs(.debug) else { return try next(request, context) }
        let start = ContinuousClock.now
        let response = try next(request, context)
        let elapsed = ContinuousClock.now - start
        context.logger.debug("request", metadata: [
            .method: "\(request.method)", .route: "\(context.routeName)", .status: "\(response.status.code)",
            .milliseconds: "\(Double(elapsed.nanoseconds) / 1e6)",
        ])
        return response
    }
}
