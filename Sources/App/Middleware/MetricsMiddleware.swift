import Web

/// Counts every request (matched or not) by route, method and status, with its duration, in the responder's
/// Prometheus metrics. Sits outside `ErrorMiddleware`, so it sees the status of error answers too.
struct MetricsMiddleware: Middleware {
    let metrics: Metrics

    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder<RequestContext>) throws -> HTTPResponse {
        let start = ContinuousClock.now
        metrics.requestStarted()
        let response = try next(request, context)
        metrics.requestFinished(route: context.routeName, method: Self.label(request.method), status: response.status.code,
                                duration: ContinuousClock.now - start, cache: &context.metricsCache)
        return response
    }

    /// The method as a metrics label: one of the known methods, else `OTHER` (bounded label values).
    static func label(_ method: String) -> String {
        switch method {
        case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS": method
        default: "OTHER"
        }
    }
}
