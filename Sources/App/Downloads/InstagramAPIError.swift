import Instagram
import Web

extension APIError {
    /// The API's answer to an Instagram failure (issue 6 error table).
    init(instagram error: InstagramError) {
        switch error.code {
        case .notFound:
            self.init(.notFound, "MEDIA_NOT_FOUND", "Instagram has no such post (deleted, or the link is wrong).")
        case .privateAccount:
            self.init(.forbidden, "PRIVATE_MEDIA", "The post is private and the Instagram session does not follow its owner.")
        case .loginRequired:
            self.init(.unauthorized, "LOGIN_REQUIRED",
                      "Instagram requires a login for this post: save a session with POST /api/instagram/session.")
        case .invalidSession:
            self.init(.forbidden, "INVALID_SESSION", "The saved Instagram session is logged out or invalid; save a fresh one.")
        case .challengeRequired:
            self.init(.forbidden, "CHALLENGE_REQUIRED", "Instagram wants the account to pass a challenge; log in with a browser first.")
        case .rateLimited, .feedbackRequired:
            let wait = Int((error.retryAfter ?? 60).rounded(.up))
            self.init(.tooManyRequests, "RATE_LIMIT_EXCEEDED", "Instagram is rate limiting us; try again in \(wait) s.",
                      headers: [("Retry-After", "\(wait)")])
        default:
            self.init(.badGateway, "UPSTREAM_ERROR", "Instagram failed or answered unexpectedly (\(error.code.rawValue)).")
        }
    }
}
