/// How a job attempt failed, as the handler classifies it: retryable (timeouts, 5xx, 429) or terminal
/// (invalid session, private account, not found). Messages are stored and shown: never put a secret in one.
public struct JobFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var isRetryable: Bool
    /// Seconds the upstream asked us to wait (`Retry-After`); the next attempt is not earlier.
    public var retryAfter: Double?

    public init(code: String, message: String, isRetryable: Bool, retryAfter: Double? = nil) {
        self.code = code
        self.message = message
        self.isRetryable = isRetryable
        self.retryAfter = retryAfter
    }

    /// An error the handler did not classify: retried (it may be transient). The details go to the
    /// worker's log only (they may hold SQL or paths); the stored message is generic.
    public static func unclassified(_ error: any Error) -> JobFailure {
        JobFailure(code: "INTERNAL_ERROR", message: "an internal error stopped this attempt (details in the worker log)",
                   isRetryable: true)
    }

    public var description: String { "\(code): \(message)" }
}

/// Why a running attempt stopped without finishing: not a failure, no attempt is charged for shutdown.
public enum JobInterruption: Error, Sendable, Equatable {
    /// `DELETE` reached the job: it ends `cancelled`.
    case cancelled
    /// `POST …/pause` reached the job: it waits, queued but paused, until resumed (no attempt charged).
    case paused
    /// The worker is stopping (SIGTERM): the lease is released and the job queued again.
    case shutdown
    /// Another worker took the job over (our lease expired): stop without writing anything.
    case leaseLost
    /// The job cannot go on yet for a reason that is not its own failure (another job holds what it needs): it is
    /// queued again, due `seconds` from now, the attempt not charged; `reason` is its `postponed` event's message.
    case postponed(seconds: Double, reason: String)
}
