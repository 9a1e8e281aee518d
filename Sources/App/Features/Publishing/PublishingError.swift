/// What publishing refuses to do to a post, and why (the answers are in `PublishingError+HTTPResponseError`).
enum PublishingError: Error, Equatable {
    /// The `Idempotency-Key` was used before by this API user with a different request.
    case idempotencyKeyReused(postID: Int64)
    /// `POST …/retry` on a post that has not failed (its state).
    case notFailed(String)
    /// `DELETE` on a post that is neither a draft nor scheduled (its state).
    case notCancellable(String)
    /// `PATCH` on a post that is not scheduled (its state).
    case notScheduled(String)
    /// `POST …/publish` on a post that is not a draft (its state).
    case notDraft(String)
}
