import Web

/// A reused `Idempotency-Key` with another body is 422 `IDEMPOTENCY_KEY_REUSED`; acting on a post in the wrong
/// state is 409 with a code naming what the post is not (its state in the message).
extension PublishingError: HTTPResponseError {
    public var responseStatus: HTTPStatus {
        switch self {
        case .idempotencyKeyReused: .unprocessableEntity
        case .notFailed, .notCancellable, .notScheduled, .notDraft: .conflict
        }
    }

    public var errorCode: String {
        switch self {
        case .idempotencyKeyReused: "IDEMPOTENCY_KEY_REUSED"
        case .notFailed: "POST_NOT_FAILED"
        case .notCancellable: "POST_NOT_CANCELLABLE"
        case .notScheduled: "POST_NOT_SCHEDULED"
        case .notDraft: "POST_NOT_DRAFT"
        }
    }

    public var errorMessage: String {
        switch self {
        case .idempotencyKeyReused(let id):
            "This Idempotency-Key was used for a different request (post \(id)): use a new key for a new post, or send the first request unchanged."
        case .notFailed(let state): "Only a failed post can be retried; this one is \(state)."
        case .notCancellable(let state): "Only a draft or scheduled post can be deleted; this one is \(state)."
        case .notScheduled(let state): "Only a scheduled post can be moved (or a draft edited); this one is \(state)."
        case .notDraft(let state): "Only a draft can be published this way; this one is \(state)."
        }
    }

    public var fieldErrors: [String: String] {
        switch self {
        case .idempotencyKeyReused: ["Idempotency-Key": "was used with a different request body"]
        default: [:]
        }
    }

    public var isRetryable: Bool { false }
}
