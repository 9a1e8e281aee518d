/// Exponential backoff with full jitter, capped; a `Retry-After` is honoured as a lower bound.
public struct RetryPolicy: Sendable, Equatable {
    /// Delay ceiling of the first retry, in seconds; doubles per attempt.
    public var baseDelay: Double
    /// Largest delay between attempts, in seconds.
    public var maxDelay: Double

    public init(baseDelay: Double = 2, maxDelay: Double = 300) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// What to do after attempt number `attempts` (1-based) of at most `maxAttempts` failed.
    public func decide(attempts: Int, maxAttempts: Int, failure: JobFailure,
                       random: inout some RandomNumberGenerator) -> RetryDecision {
        guard failure.isRetryable, attempts < maxAttempts else { return .fail }
        let jittered = Double.random(in: 0...1, using: &random) * ceiling(attempt: attempts)
        return .retry(after: max(jittered, failure.retryAfter ?? 0))
    }

    /// The jitter ceiling after attempt `attempt`: `min(maxDelay, baseDelay · 2^(attempt-1))`.
    public func ceiling(attempt: Int) -> Double {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        return min(maxDelay, baseDelay * Double(1 << Int(exponent)))
    }
}

/// The outcome of `RetryPolicy.decide`.
public enum RetryDecision: Sendable, Equatable {
    /// Queue the job again, not before this many seconds.
    case retry(after: Double)
    /// Give up: the job ends `failed` with the last error.
    case fail
}
