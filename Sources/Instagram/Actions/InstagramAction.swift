/// An account action on Instagram's web API (facts §6): what it is called, where it is posted, what it counts as.
public enum InstagramAction: String, Sendable, CaseIterable, Codable {
    case follow, unfollow, like, unlike, comment

    /// The kind of action Instagram counts and blocks together (`feedback_required` names
    /// `instagram_follow_users`, `instagram_like_add`, ...): follow and unfollow are follows, like and unlike likes.
    public var family: InstagramAction {
        switch self {
        case .follow, .unfollow: .follow
        case .like, .unlike: .like
        case .comment: .comment
        }
    }

    /// Whether the target is an account (else a post).
    public var targetsUser: Bool { family == .follow }

    /// The web endpoint for a target's pk (facts §6.1–§6.3): POST www `/api/v1/web/…`.
    public func webPath(target: UInt64) -> String {
        switch self {
        case .follow: "/api/v1/web/friendships/\(target)/follow/"
        case .unfollow: "/api/v1/web/friendships/\(target)/unfollow/"
        case .like: "/api/v1/web/likes/\(target)/like/"
        case .unlike: "/api/v1/web/likes/\(target)/unlike/"
        case .comment: "/api/v1/web/comments/\(target)/add/"
        }
    }
}

/// What Instagram answered to an accepted action.
public struct InstagramActionReceipt: Sendable, Equatable, Decodable {
    /// `friendship_status` of a follow or unfollow.
    public struct Friendship: Sendable, Equatable, Decodable {
        public var following: Bool?
        public var outgoingRequest: Bool?

        enum CodingKeys: String, CodingKey {
            case following, outgoingRequest = "outgoing_request"
        }
    }

    /// `"ok"`.
    public var status: String?
    public var friendshipStatus: Friendship?
    /// Whether the account followed the target before this follow or unfollow (facts §6.1: `previous_following`).
    public var previousFollowing: Bool?
    /// The legacy follow answer's `result` (`following`, `requested`).
    public var result: String?
    /// A comment's id (web shape `id`).
    public var id: String?

    enum CodingKeys: String, CodingKey {
        case status, result, id, friendshipStatus = "friendship_status", previousFollowing = "previous_following"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        friendshipStatus = try c.decodeIfPresent(Friendship.self, forKey: .friendshipStatus)
        previousFollowing = try? c.decodeIfPresent(Bool.self, forKey: .previousFollowing)
        result = try c.decodeIfPresent(String.self, forKey: .result)
        if let text = try? c.decodeIfPresent(String.self, forKey: .id) {
            id = text
        } else if let number = try? c.decodeIfPresent(UInt64.self, forKey: .id) {
            id = String(number)
        }
    }

    /// A follow that became a request (private target).
    public var isRequest: Bool {
        result == "requested" || (friendshipStatus?.following == false && friendshipStatus?.outgoingRequest == true)
    }
}
