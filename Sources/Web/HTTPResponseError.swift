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
    public let base: any Error
    /// The envelope of `base` (or the fallback, when `base` is not an `HTTPResponseError`) with the headers added.
    public let answer: APIError

    public init(_ base: any Error, adding headers: [(String, String)], fallback: APIError = .internalError) {
        self.base = base
        var answer = (base as? any HTTPResponseError)?.apiError ?? fallback
        answer.headers += headers
        self.answer = answer
    }

    public var responseStatus: HTTPStatus { answer.status }
    public var errorCode: String { answer.code }
    public var errorMessage: String { answer.message }
    public var fieldErrors: [String: String] { answer.errors }
    public var responseHeaders: [(String, String)] { answer.headers }
    public var isRetryable: Bool { (base as? any HTTPResponseError)?.isRetryable ?? answer.isRetryable }
}
