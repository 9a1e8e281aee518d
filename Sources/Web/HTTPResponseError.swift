/// An error that knows the answer it becomes (Hummingbird's `HTTPResponseError`): each error type declares
/// its status, `error_code`, message and retryability once, by conformance, and one place (the error
/// middleware) turns any of them into the envelope. Nothing a conformance returns may carry a secret:
/// `errorMessage` and `fieldErrors` are shown to the client.
public protocol HTTPResponseError: Error {
    /// The HTTP status of the answer.
    var responseStatus: HTTPStatus { get }
    /// The envelope's `error_code` (`UPPER_SNAKE`).
    var errorCode: String { get }
    /// The envelope's `message`: a sentence for the client, safe to show.
    var errorMessage: String { get }
    /// The envelope's `errors`: per-field problems (default none).
    var fieldErrors: [String: String] { get }
    /// Headers the answer carries (`Retry-After`, `Allow`, ...; default none).
    var responseHeaders: [(String, String)] { get }
    /// Whether the same request may succeed later (default: 5xx and 429).
    var isRetryable: Bool { get }
    /// Seconds to wait before trying again, when known.
    var retryAfterSeconds: Double? { get }
}

extension HTTPResponseError {
    public var fieldErrors: [String: String] { [:] }
    public var responseHeaders: [(String, String)] { [] }
    public var isRetryable: Bool { responseStatus.code >= 500 || responseStatus == .tooManyRequests }
    public var retryAfterSeconds: Double? { nil }

    /// The envelope this error becomes.
    public var apiError: APIError {
        if let error = self as? APIError { return error }
        return APIError(responseStatus, errorCode, errorMessage, errors: fieldErrors, headers: responseHeaders)
    }
}

extension APIError: HTTPResponseError {
    public var responseStatus: HTTPStatus { status }
    public var errorCode: String { code }
    public var errorMessage: String { message }
    public var fieldErrors: [String: String] { errors }
    public var responseHeaders: [(String, String)] { headers }
}

/// An error with headers added on its way out (Hummingbird's `EditedHTTPError`): middleware that must put
/// headers on every answer (`RateLimit-*`) wraps what the handler threw instead of answering it itself.
public struct EditedHTTPError: HTTPResponseError {
    /// What the handler threw.
    public var base: any Error
    /// The headers to add.
    public var headers: [(String, String)]
    /// The envelope of `base` when it is not an `HTTPResponseError` (an unexpected error).
    public var fallback: APIError

    public init(_ base: any Error, adding headers: [(String, String)], fallback: APIError = .internalError) {
        self.base = base
        self.headers = headers
        self.fallback = fallback
    }

    var resolved: APIError { (base as? any HTTPResponseError)?.apiError ?? fallback }
    public var responseStatus: HTTPStatus { resolved.status }
    public var errorCode: String { resolved.code }
    public var errorMessage: String { resolved.message }
    public var fieldErrors: [String: String] { resolved.errors }
    public var responseHeaders: [(String, String)] { resolved.headers + headers }
    public var isRetryable: Bool { (base as? any HTTPResponseError)?.isRetryable ?? resolved.isRetryable }
}
