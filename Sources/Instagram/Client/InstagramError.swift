/// Why an Instagram call failed, classified the way the established clients do (facts §8.2).
/// `description` is safe to log: it never contains a cookie or a query string.
public struct InstagramError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The session is expired or logged out (403 `login_required`, redirect to the login page).
        case invalidSession = "INVALID_SESSION"
        /// The account must pass a checkpoint/challenge first.
        case challengeRequired = "CHALLENGE_REQUIRED"
        /// The call needs a session and none was given.
        case loginRequired = "LOGIN_REQUIRED"
        /// 429 or "Please wait a few minutes": try again later (`retryAfter` when known).
        case rateLimited = "RATE_LIMITED"
        /// Action blocked (`feedback_required`), for hours or days.
        case feedbackRequired = "FEEDBACK_REQUIRED"
        /// The user or media does not exist (any more).
        case notFound = "NOT_FOUND"
        /// A private account the session does not follow.
        case privateAccount = "PRIVATE"
        /// Instagram failed (5xx) or answered an error we do not know.
        case upstreamError = "UPSTREAM_ERROR"
        /// Instagram refused the request itself (400 we cannot classify): retrying will not help.
        case badRequest = "UPSTREAM_BAD_REQUEST"
        /// The answer was not the JSON we expect (garbage, truncated, wrong shape).
        case badResponse = "BAD_RESPONSE"
        /// No answer: timeout, connection refused or cut.
        case network = "NETWORK_ERROR"
        /// Our own setup is wrong (host not allowed, invalid URL).
        case configuration = "CONFIGURATION_ERROR"
    }

    public var code: Code
    public var message: String
    /// Seconds Instagram asked us to wait (`Retry-After`), for `rateLimited`.
    public var retryAfter: Double?
    /// The HTTP status of the answer, when there was one.
    public var httpStatus: Int?

    public init(_ code: Code, _ message: String, retryAfter: Double? = nil, httpStatus: Int? = nil) {
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
        self.httpStatus = httpStatus
    }

    /// Worth another try later: rate limits, Instagram's 5xx, garbage answers and network failures.
    /// Terminal: invalid session, challenge, private, not found, action blocked, bad request, configuration.
    public var isRetryable: Bool {
        switch code {
        case .rateLimited, .badResponse, .network: return true
        case .upstreamError: return (httpStatus ?? 500) >= 500
        default: return false
        }
    }

    public var description: String {
        "\(code.rawValue): \(message)" + (httpStatus.map { " (HTTP \($0))" } ?? "")
    }
}
