/// Runs attempts of one kind of job. A worker slot makes its own handler (through the registry's factory)
/// and uses it from its one thread, so a handler may own per-thread resources such as an HTTP client.
public protocol JobHandler: AnyObject {
    /// Runs one attempt. Returns the result as JSON text (nil: none). Throws `JobFailure` for classified
    /// errors, `JobInterruption` (from the context) when cancelled, stopping or no longer leased; any
    /// other error is retried as `INTERNAL_ERROR`. Must resume from `job.checkpoint` when it is set.
    func run(_ job: Job, context: JobContext) throws -> String?

    /// Called once when the job ends for good (completed, failed or cancelled), e.g. to delete its secrets.
    func finished(_ job: Job, state: JobState, context: JobContext)
}

extension JobHandler {
    public func finished(_ job: Job, state: JobState, context: JobContext) {}
}

/// How one kind of job is run: its handler factory and its limits.
public struct JobKind: Sendable {
    public var name: String
    public var policy: JobKindPolicy
    /// Makes a handler for one worker slot.
    public var makeHandler: @Sendable () -> any JobHandler
    /// For recurring kinds: seconds between runs (the next is enqueued when one finishes).
    public var recurringInterval: Double?

    public init(name: String, policy: JobKindPolicy = JobKindPolicy(), recurringInterval: Double? = nil,
                makeHandler: @escaping @Sendable () -> any JobHandler) {
        self.name = name
        self.policy = policy
        self.makeHandler = makeHandler
        self.recurringInterval = recurringInterval
    }

    /// The unique key of a recurring kind's live instance.
    public var recurringKey: String { "recurring:\(name)" }
}
