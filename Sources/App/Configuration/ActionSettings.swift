/// Saved Instagram sessions and account actions (issue 15): how long a session lives, the daily limits per
/// Instagram account, the gap between two actions of one account, and how long an action block pauses it.
public struct ActionSettings: Sendable {
    /// Hours a saved session lives unless it is used or saved again (`INSTAGATE_SESSION_EXPIRY_HOURS`, default 24,
    /// the earlier service's `SESSION_EXPIRY_HOURS`); each use moves its expiry this far ahead.
    public var sessionExpiryHours: Double
    /// Follows (and unfollows) per Instagram account per rolling 24 h (`INSTAGATE_FOLLOW_LIMIT_PER_DAY`, default 200).
    public var followLimit: Int
    /// Likes (and unlikes) per account per rolling 24 h (`INSTAGATE_LIKE_LIMIT_PER_DAY`, default 1000).
    public var likeLimit: Int
    /// Comments per account per rolling 24 h (`INSTAGATE_COMMENT_LIMIT_PER_DAY`, default 100).
    public var commentLimit: Int
    /// Minimum seconds between two actions of one account, across every process (`INSTAGATE_ACTION_GAP`,
    /// default 3; 0 turns the gap off).
    public var gap: Double
    /// Random extra on top of the gap, as a fraction of it (`INSTAGATE_ACTION_JITTER`, default 0.5: 3 to 4.5 s).
    public var jitter: Double
    /// Seconds an account is paused for an action type after Instagram blocked it (`feedback_required`)
    /// (`INSTAGATE_ACTION_BLOCK_SECONDS`, default 86400).
    public var blockSeconds: Int

    public init(sessionExpiryHours: Double = 24, followLimit: Int = 200, likeLimit: Int = 1000, commentLimit: Int = 100,
                gap: Double = 3, jitter: Double = 0.5, blockSeconds: Int = 86_400) {
        self.sessionExpiryHours = sessionExpiryHours
        self.followLimit = followLimit
        self.likeLimit = likeLimit
        self.commentLimit = commentLimit
        self.gap = gap
        self.jitter = jitter
        self.blockSeconds = blockSeconds
    }

    init(reading env: inout EnvironmentReader) {
        let defaults = ActionSettings()
        self.init(sessionExpiryHours: env.number("INSTAGATE_SESSION_EXPIRY_HOURS", default: defaults.sessionExpiryHours, in: 0.001...8760),
                  followLimit: env.integer("INSTAGATE_FOLLOW_LIMIT_PER_DAY", default: defaults.followLimit, in: 0...1_000_000),
                  likeLimit: env.integer("INSTAGATE_LIKE_LIMIT_PER_DAY", default: defaults.likeLimit, in: 0...1_000_000),
                  commentLimit: env.integer("INSTAGATE_COMMENT_LIMIT_PER_DAY", default: defaults.commentLimit, in: 0...1_000_000),
                  gap: env.number("INSTAGATE_ACTION_GAP", default: defaults.gap, in: 0...3600),
                  jitter: env.number("INSTAGATE_ACTION_JITTER", default: defaults.jitter, in: 0...10),
                  blockSeconds: env.integer("INSTAGATE_ACTION_BLOCK_SECONDS", default: defaults.blockSeconds, in: 1...(30 * 86_400)))
    }

    /// The session lifetime in whole seconds.
    public var sessionLifetimeSeconds: Int { max(1, Int((sessionExpiryHours * 3600).rounded())) }
}
