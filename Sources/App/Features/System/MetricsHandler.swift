import Web

/// `GET /metrics`: Prometheus text format. nginx lets only localhost reach it.
enum MetricsHandler {
    @Sendable static func metrics(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        .bytes(context.metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
}
