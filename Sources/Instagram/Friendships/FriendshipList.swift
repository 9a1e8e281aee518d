/// Which of an account's two lists.
public enum FriendshipList: String, Sendable, CaseIterable, Codable {
    /// People who follow the account (`edge_followed_by`).
    case followers
    /// People the account follows (`edge_follow`).
    case following
}

/// One page of a followers/following list (facts §5.1).
public struct FriendshipPage: Sendable, Equatable, Decodable {
    public var users: [InstagramUser]
    /// The cursor of the next page (`next_max_id`); nil on the last page.
    public var nextMaxID: String?
    /// Whether more pages follow (`has_more`, else inferred from `next_max_id`).
    public var hasMore: Bool

    public init(users: [InstagramUser], nextMaxID: String?, hasMore: Bool? = nil) {
        self.users = users
        self.nextMaxID = nextMaxID
        self.hasMore = hasMore ?? (nextMaxID != nil)
    }

    enum CodingKeys: String, CodingKey {
        case users, nextMaxID = "next_max_id", hasMore = "has_more"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        users = try container.decode([InstagramUser].self, forKey: .users)
        var next: String? = try? container.decodeIfPresent(String.self, forKey: .nextMaxID)
        if next == nil, let number = try? container.decodeIfPresent(Int64.self, forKey: .nextMaxID) { next = String(number) }
        if next?.isEmpty == true { next = nil }
        nextMaxID = next
        // IG and GDL stop when `next_max_id` is missing or empty, whatever `has_more` says.
        hasMore = next != nil
    }
}
