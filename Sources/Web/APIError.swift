/// An error an API client sees: an HTTP status, an `UPPER_SNAKE` code, a message, and per-field details.
///
/// Rendered as the one envelope `{"success": false, "error_code": ..., "message": ..., "errors": {...}}`.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPStatus
    public var code: String
    public var message: String
    /// Per-field problems, keyed by field name (`{"csrf_token": "must not be empty"}`).
    public var errors: [String: String]
    /// Headers the answer must carry (`Allow`, `Retry-After`, `WWW-Authenticate`).
    public var headers: [(String, String)]
    /// Fields an earlier service's clients read, added at the envelope's top level beside the standard ones
    /// (the follower-analysis 409's `error`, `job_id`, `status`); never `success`, `error_code`, `message`, `errors`.
    public var extraFields: [String: String] = [:]

    public init(_ status: HTTPStatus, _ code: String, _ message: String,
                errors: [String: String] = [:], headers: [(String, String)] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    /// The same error with `fields` added at the envelope's top level.
    public func adding(_ fields: [String: String]) -> APIError {
        var copy = self
        copy.extraFields.merge(fields) { _, new in new }
        return copy
    }
}

extension APIError {
    public static func notFound(_ message: String = "Not found.") -> APIError {
        APIError(.notFound, "NOT_FOUND", message)
    }

    public static func methodNotAllowed(allowed: [String]) -> APIError {
        APIError(.methodNotAllowed, "METHOD_NOT_ALLOWED", "This path does not accept that method.",
                 headers: [("Allow", allowed.joined(separator: ", "))])
    }

    public static func validation(_ errors: [String: String], message: String = "The request is invalid.") -> APIError {
        APIError(.unprocessableEntity, "VALIDATION_ERROR", message, errors: errors)
    }

    public static func badRequest(_ code: String, _ message: String, errors: [String: String] = [:]) -> APIError {
        APIError(.badRequest, code, message, errors: errors)
    }

    public static let payloadTooLarge = APIError(.payloadTooLarge, "PAYLOAD_TOO_LARGE", "The request body is too large.")

    public static let unauthorized = APIError(
        .unauthorized, "UNAUTHORIZED", "A valid API key is required: send Authorization: Bearer <key>.",
        headers: [("WWW-Authenticate", "Bearer")])

    public static let internalError = APIError(.internalServerError, "INTERNAL_ERROR", "An unexpected error occurred.")

    public static let databaseUnavailable = APIError(
        .serviceUnavailable, "SERVICE_UNAVAILABLE", "The database is unavailable; try again shortly.",
        headers: [("Retry-After", "5")])
}
