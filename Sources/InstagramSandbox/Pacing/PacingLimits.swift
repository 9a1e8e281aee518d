/// How much Instagram lets a caller do before it pushes back (facts §8.3; numbers are the sandbox's
/// assumptions, calibrated so instaloader's own `RateController` pace never trips them).
public struct PacingLimits: Codable, Sendable, Equatable {
    /// Anonymous requests to pages and the web API per client address per window, then `login_required`.
    public var anonymousRequests: Int
    public var anonymousWindowSeconds: Int
    /// Per session: one GraphQL `doc_id`/`query_hash` per window.
    public var graphqlPerQuery: Int
    public var graphqlPerQueryWindowSeconds: Int
    /// Per session: all GraphQL together per window.
    public var graphqlTotal: Int
    public var graphqlTotalWindowSeconds: Int
    /// Per session: i.instagram.com calls per window.
    public var mobile: Int
    public var mobileWindowSeconds: Int
    /// Per session: other www calls (`/api/v1`, pages) per window.
    public var other: Int
    public var otherWindowSeconds: Int
    /// Per session and rolling 24 hours: actions before `feedback_required`.
    public var followsPerDay: Int
    public var likesPerDay: Int
    public var commentsPerDay: Int
    /// False turns every limit off (benchmarks).
    public var enabled: Bool

    public init(anonymousRequests: Int = 100, anonymousWindowSeconds: Int = 3600,
                graphqlPerQuery: Int = 210, graphqlPerQueryWindowSeconds: Int = 660,
                graphqlTotal: Int = 290, graphqlTotalWindowSeconds: Int = 600,
                mobile: Int = 210, mobileWindowSeconds: Int = 1800,
                other: Int = 100, otherWindowSeconds: Int = 660,
                followsPerDay: Int = 200, likesPerDay: Int = 500, commentsPerDay: Int = 150,
                enabled: Bool = true) {
        self.anonymousRequests = anonymousRequests
        self.anonymousWindowSeconds = anonymousWindowSeconds
        self.graphqlPerQuery = graphqlPerQuery
        self.graphqlPerQueryWindowSeconds = graphqlPerQueryWindowSeconds
        self.graphqlTotal = graphqlTotal
        self.graphqlTotalWindowSeconds = graphqlTotalWindowSeconds
        self.mobile = mobile
        self.mobileWindowSeconds = mobileWindowSeconds
        self.other = other
        self.otherWindowSeconds = otherWindowSeconds
        self.followsPerDay = followsPerDay
        self.likesPerDay = likesPerDay
        self.commentsPerDay = commentsPerDay
        self.enabled = enabled
    }
}
