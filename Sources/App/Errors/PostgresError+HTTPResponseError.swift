import Postgres
import Web

/// A lost database connection is 503 with `Retry-After` (the next request reconnects); any other database
/// error is a 500 whose details (SQLSTATE, statement) stay in the log.
extension PostgresError: HTTPResponseError {
    public var responseStatus: HTTPStatus { isConnectionFailure ? .serviceUnavailable : .internalServerError }
    public var errorCode: String { isConnectionFailure ? APIError.databaseUnavailable.code : APIError.internalError.code }
    public var errorMessage: String { isConnectionFailure ? APIError.databaseUnavailable.message : APIError.internalError.message }
    public var responseHeaders: [(String, String)] { isConnectionFailure ? APIError.databaseUnavailable.headers : [] }
    public var isRetryable: Bool { isConnectionFailure || isTransient }
}
