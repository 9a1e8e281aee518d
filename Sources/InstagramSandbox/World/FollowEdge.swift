/// `follower` follows `followee` since `since` (unix seconds).
public struct FollowEdge: Sendable, Equatable, Hashable {
    public var follower: UInt64
    public var followee: UInt64
    public var since: Int
    /// A request to a private account, not yet approved.
    public var pending: Bool = false

    public func hash(into hasher: inout Hasher) {
        hasher.combine(follower)
        hasher.combine(followee)
    }

    public static func == (lhs: FollowEdge, rhs: FollowEdge) -> Bool {
        lhs.follower == rhs.follower && lhs.followee == rhs.followee
    }
}
