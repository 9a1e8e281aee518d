import Observability
import Postgres
import Web

/// The one place an error becomes an answer: anything thrown behind it is the envelope
/// `{"success": false, "error_code", "message", "errors", "request_id"}` with the status and headers its type
/// declares (`HTTPResponseError`); an error of no such type is a 500 whose details go to the log only.
struct ErrorMiddleware: Middleware {
    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder<RequestContext>) throws -> HTTPResponse {
        do {
            return try next(request, context)
        } catch {
            let answer = Self.apiError(for: error, context: context)
            context.metrics.errorAnswered(route: context.routeName, method: MetricsMiddleware.label(request.method),
                                          status: answer.status.code, code: answer.code)
            return .error(answer, requestID: request.requestID)
        }
    }

    /// The envelope of `error`, logged as its kind deserves (server faults at error level, never a secret:
    /// the descriptions of our error types are safe to log).
    static func apiError(for error: any Error, context: RequestContext) -> APIError {
        let cause = (error as? EditedHTTPError)?.base ?? error
        if let failure = cause as? PostgresError {
            context.metrics.databaseError()
            if failure.isConnectionFailure {
                context.logger.warning("database connection lost", metadata: [.sqlState: "\(failure.sqlState)"])
            } else {
                context.logger.error("database error", metadata: [.sqlState: "\(failure.sqlState)", .error: "\(failure)"])
            }
        } else if !(cause is any HTTPResponseError) {
            context.logger.error("unexpected error", metadata: [.error: "\(cause)"])
        }
        let answer = (error as? any HTTPResponseError)?.apiError ?? .internalError
        if answer.status.code >= 500, cause is any HTTPResponseError, !(cause is PostgresError) {
            context.logger.error("request failed", metadata: [.error: "\(cause)"])
        }
        return answer
    }
}
