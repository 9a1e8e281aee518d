import Foundation
import Instagram
import Web

/// Why an account action (issue 15) was not done, in the earlier service's codes (`INVALID_SESSION`,
/// `RATE_LIMIT_EXCEEDED`, `REQUEST_FAILED`) plus `CHALLENGE_REQUIRED`, `ACTION_BLOCKED` and `ALREADY_DONE`.
/// Nothing was sent to Instagram for the first six kinds; `instagram` is Instagram's own refusal, classified.
struct ActionError: HTTPResponseError {
    enum Kind {
        /// This API user has no unexpired session by that name (another user's is the same: 404).
        case sessionNotFound(String)
        /// Instagram refused the session before (`invalid`: logged out; `challenge`); it is not sent again.
        case sessionMarked(state: String)
        /// The account's daily limit for this kind of action is used up.
        case limitExceeded(InstagramAction, QuotaStatus)
        /// Instagram blocked this kind of action for the account (`feedback_required`) until then.
        case blocked(InstagramAction, until: Date)
        /// The account's next free action slot (the gap between two actions) is too far ahead to wait for.
        case paced(seconds: Int)
        /// Liking a post already liked, following someone already followed (as Instagram says: `has_liked`,
        /// `following`).
        case alreadyDone(InstagramAction)
        /// Following a private account whose approval of the account's earlier follow request is still awaited
        /// (Instagram's `outgoing_request`): a second request changes nothing.
        case requestPending
        /// Instagram refused or failed.
        case instagram(InstagramError, blockedUntil: Date?)
    }

    var kind: Kind

    var responseStatus: HTTPStatus {
        switch kind {
        case .sessionNotFound: .notFound
        case .sessionMarked: .forbidden
        case .limitExceeded, .blocked, .paced: .tooManyRequests
        case .alreadyDone, .requestPending: .conflict
        case .instagram(let error, _):
            switch error.code {
            case .invalidSession, .loginRequired, .challengeRequired: .forbidden
            case .rateLimited, .feedbackRequired: .tooManyRequests
            case .notFound: .notFound
            default: .badGateway
            }
        }
    }

    var errorCode: String {
        switch kind {
        case .sessionNotFound: "INVALID_SESSION"
        case .sessionMarked(let state): state == "challenge" ? "CHALLENGE_REQUIRED" : "INVALID_SESSION"
        case .limitExceeded, .paced: "RATE_LIMIT_EXCEEDED"
        case .blocked: "ACTION_BLOCKED"
        case .alreadyDone, .requestPending: "ALREADY_DONE"
        case .instagram(let error, _):
            switch error.code {
            case .invalidSession, .loginRequired: "INVALID_SESSION"
            case .challengeRequired: "CHALLENGE_REQUIRED"
            case .rateLimited: "RATE_LIMIT_EXCEEDED"
            case .feedbackRequired: "ACTION_BLOCKED"
            default: "REQUEST_FAILED"
            }
        }
    }

    var errorMessage: String {
        switch kind {
        case .sessionNotFound(let name):
            "No saved Instagram session for @\(name) (never saved with this API key, removed, or expired): save one with POST /api/instagram/session."
        case .sessionMarked(let state):
            state == "challenge" ? "Instagram wants this account to pass a challenge; log in with a browser, then save the session again."
                                 : "Instagram logged this session out; save a fresh one with POST /api/instagram/session."
        case .limitExceeded(let action, let status):
            "The account used its \(status.limit) \(action.family.rawValue)s of the last 24 hours; the next one is free in \(status.resetSeconds) s."
        case .blocked(let action, let until):
            "Instagram blocked \(action.family.rawValue)s for this account; instagate pauses them until \(Self.iso(until))."
        case .paced(let seconds):
            "This account's actions are spaced apart; its next free slot is in \(seconds) s."
        case .alreadyDone(let action):
            action.family == .like ? "The account already likes this post." : "The account already follows (or asked to follow) this user."
        case .requestPending:
            "The account's follow request to this private account is still waiting for its approval; nothing was sent and no daily unit was used."
        case .instagram(let error, let until):
            switch error.code {
            case .invalidSession, .loginRequired: "Instagram logged this session out (\(error.message)); save a fresh one."
            case .challengeRequired: "Instagram wants the account to pass a challenge (\(error.message)); log in with a browser first."
            case .rateLimited: "Instagram is rate limiting this account; try again in \(waitSeconds) s."
            case .feedbackRequired: "Instagram blocked this action (feedback_required); paused until \(until.map(Self.iso) ?? "later")."
            default: "Instagram refused the request: \(error.message)"
            }
        }
    }

    var fieldErrors: [String: String] {
        switch kind {
        case .blocked(_, let until): ["blocked_until": Self.iso(until)]
        case .instagram(_, let until?): ["blocked_until": Self.iso(until)]
        case .requestPending: ["friendship": "requested"]
        default: [:]
        }
    }

    var responseHeaders: [(String, String)] {
        responseStatus == .tooManyRequests ? [("Retry-After", "\(waitSeconds)")] : []
    }

    var isRetryable: Bool { responseStatus == .tooManyRequests || responseStatus.code >= 500 }

    /// Whole seconds until trying again makes sense.
    var waitSeconds: Int {
        switch kind {
        case .limitExceeded(_, let status): status.resetSeconds
        case .blocked(_, let until): max(1, Int(until.timeIntervalSinceNow.rounded(.up)))
        case .paced(let seconds): seconds
        case .instagram(_, let until?): max(1, Int(until.timeIntervalSinceNow.rounded(.up)))
        case .instagram(let error, nil): Int((error.retryAfter ?? 60).rounded(.up))
        default: 0
        }
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: date)
    }
}
