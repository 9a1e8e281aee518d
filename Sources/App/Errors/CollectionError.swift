import Web

/// Why a profile, stories or highlight download cannot go on (issue 16): stored on its job and answered
/// with the API's envelope. Messages name what to do next and never carry a secret.
struct CollectionError: Error, HTTPResponseError, Equatable, CustomStringConvertible {
    enum Code: String {
        /// Stories and highlights, or a private profile, need a saved Instagram session and none is saved.
        case sessionRequired = "SESSION_REQUIRED"
        /// Instagram asked for a login part-way (the login wall) and no session is saved to go on with.
        case loginRequired = "LOGIN_REQUIRED"
        /// A private profile the session's account does not follow (or no session was given).
        case privateProfile = "PRIVATE_PROFILE"
        /// Instagram has no such profile (renamed, deleted, never existed).
        case profileNotFound = "PROFILE_NOT_FOUND"
        /// The story expired (24 hours) or never existed; the owner has no live stories.
        case storyNotFound = "STORY_NOT_FOUND"
        /// The highlight does not exist or is not visible to the session.
        case highlightNotFound = "HIGHLIGHT_NOT_FOUND"
        /// No job of this API user with that id.
        case jobNotFound = "JOB_NOT_FOUND"
        /// Pausing a job that already ended (completed, failed or cancelled).
        case jobFinished = "JOB_FINISHED"
        /// Resuming a job (or a watch) that is not paused.
        case jobNotPaused = "JOB_NOT_PAUSED"
    }

    var code: Code
    var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var responseStatus: HTTPStatus {
        switch code {
        case .sessionRequired: .unprocessableEntity
        case .loginRequired: .unauthorized
        case .privateProfile: .forbidden
        case .profileNotFound, .storyNotFound, .highlightNotFound, .jobNotFound: .notFound
        case .jobFinished, .jobNotPaused: .conflict
        }
    }

    var errorCode: String { code.rawValue }
    var errorMessage: String { message }
    var fieldErrors: [String: String] { code == .sessionRequired ? ["session": message] : [:] }
    var isRetryable: Bool { false }
    var description: String { "\(code.rawValue): \(message)" }
}
