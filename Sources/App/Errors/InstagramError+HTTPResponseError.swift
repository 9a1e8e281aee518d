import Instagram
import Web

/// The API's answer to an Instagram failure (issue 6 error table). `isRetryable` and `retryAfter` are the
/// client's own classification.
extension InstagramError: HTTPResponseError {
    public var responseStatus: HTTPStatus {
        switch code {
        case .notFound: .notFound
        case .privateAccount, .invalidSession, .challengeRequired: .forbidden
        case .loginRequired: .unauthorized
        case .rateLimited, .feedbackRequired: .tooManyRequests
        default: .badGateway
        }
    }

    public var errorCode: String {
        switch code {
        case .notFound: "MEDIA_NOT_FOUND"
        case .privateAccount: "PRIVATE_MEDIA"
        case .loginRequired, .invalidSession, .challengeRequired: code.rawValue
        case .rateLimited, .feedbackRequired: "RATE_LIMIT_EXCEEDED"
        default: "UPSTREAM_ERROR"
        }
    }

    public var errorMessage: String {
        switch code {
        case .notFound: "Instagram has no such post (deleted, or the link is wrong)."
        case .privateAccount: "The post is private and the Instagram session does not follow its owner."
        case .loginRequired: "Instagram requires a login for this post: save a session with POST /api/instagram/session."
        case .invalidSession: "The saved Instagram session is logged out or invalid; save a fresh one."
        case .challengeRequired: "Instagram wants the account to pass a challenge; log in with a browser first."
        case .rateLimited, .feedbackRequired: "Instagram is rate limiting us; try again in \(waitSeconds) s."
        default: "Instagram failed or answered unexpectedly (\(code.rawValue))."
        }
    }

    public var responseHeaders: [(String, String)] {
        code == .rateLimited || code == .feedbackRequired ? [("Retry-After", "\(waitSeconds)")] : []
    }

    public var retryAfterSeconds: Double? { retryAfter }

    /// Whole seconds to wait after a rate limit (Instagram's `Retry-After`, else a minute).
    var waitSeconds: Int { Int((retryAfter ?? 60).rounded(.up)) }
}
