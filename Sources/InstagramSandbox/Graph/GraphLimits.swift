/// The sandbox's Graph API allowances (`PUT /__sandbox/graph/limits`): calls per app per rolling hour (the
/// `X-App-Usage` header, code 4 past it) and per account per rolling 24 hours (`X-Business-Use-Case-Usage`,
/// code 80002 past it), and a forced answer for the next calls (codes 4, 17, 32 or 613).
public struct GraphLimits: Sendable {
    public var appCallsPerHour = 4800
    public var accountCallsPerDay = 48_000
    /// The code the next `forcedCount` calls answer instead of data.
    public var forcedCode: Int?
    public var forcedCount = 0
    /// The code exchange answers the flat `{"access_token","user_id","permissions"}` instead of `{"data":[…]}`.
    public var flatTokenShape = false
    /// Posts an account may publish per rolling 24 hours (`content_publishing_limit`'s `quota_total`; code 9 past it).
    public var publishingLimit = 100
    /// Seconds an image container stays `IN_PROGRESS` before `FINISHED` (0: finished at once, as Meta's images usually are).
    public var containerProcessingSeconds = 0.0
    /// Seconds a video container (reel, story or carousel video) stays `IN_PROGRESS` before `FINISHED`, or `ERROR`
    /// when its bytes break Meta's rules (Graph clock: `POST /__sandbox/graph/clock` moves it).
    public var videoProcessingSeconds = 2.0
    /// The oldest API version served (`v21.0`, graph-api.md §0): a call naming an older one is refused with code
    /// 2635 (`GraphError.retiredVersion`). Moved forward by a test to retire the version its client uses.
    public var oldestVersion = 21
    /// The version Meta's refusal tells the caller to move to.
    public var latestVersion = 25

    public init() {}
}
