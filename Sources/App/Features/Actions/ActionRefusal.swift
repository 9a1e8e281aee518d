import Instagram
import Logging
import Observability

/// Instagram's refusal of an action as the API answers it, with its lasting effects: a block pauses the action
/// type, a logged-out or challenged session is marked so it is not sent again. Shared by the action endpoints and
/// the bulk job.
struct ActionRefusal {
    let store: ActionStore
    let sessions: InstagramSessionStore
    let userID: Int64
    let settings: ActionSettings
    let logger: Logger

    func classify(_ error: InstagramError, action: InstagramAction,
                  acting: InstagramSessionStore.ActingSession) throws -> ActionError {
        logger.info("instagram refused an action", metadata: [.code: "\(error.code.rawValue)"])
        switch error.code {
        case .feedbackRequired:
            let until = try store.block(instagramUserID: acting.instagramUserID, family: action.family, seconds: settings.blockSeconds)
            return ActionError(kind: .instagram(error, blockedUntil: until))
        case .invalidSession, .loginRequired:
            try sessions.mark(userID: userID, username: acting.username, state: "invalid")
        case .challengeRequired:
            try sessions.mark(userID: userID, username: acting.username, state: "challenge")
        default: break
        }
        return ActionError(kind: .instagram(error, blockedUntil: nil))
    }
}
