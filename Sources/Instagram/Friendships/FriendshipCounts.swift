/// An account's id and the sizes of its two lists, from `web_profile_info` (facts §4.1).
public struct FriendshipCounts: Sendable, Equatable, Decodable {
    public var pk: String
    public var username: String
    public var isPrivate: Bool
    public var followers: Int
    public var following: Int

    public init(pk: String, username: String, isPrivate: Bool, followers: Int, following: Int) {
        self.pk = pk
        self.username = username
        self.isPrivate = isPrivate
        self.followers = followers
        self.following = following
    }

    struct Envelope: Decodable {
        struct DataField: Decodable { var user: Profile? }
        var data: DataField
    }

    struct Profile: Decodable {
        struct Count: Decodable { var count: Int }
        var id: String
        var username: String
        var is_private: Bool?
        var edge_followed_by: Count
        var edge_follow: Count
    }
}

extension InstagramWebClient {
    /// The account's pk and list sizes: GET `/api/v1/users/web_profile_info/?username=`. Unknown → `NOT_FOUND`.
    public func friendshipCounts(username: String, session: InstagramSession?) throws(InstagramError) -> FriendshipCounts {
        let envelope = try getJSON(FriendshipCounts.Envelope.self, path: "/api/v1/users/web_profile_info/",
                                   query: [("username", username)], session: session)
        guard let profile = envelope.data.user else { throw InstagramError(.notFound, "no such user") }
        return FriendshipCounts(pk: profile.id, username: profile.username, isPrivate: profile.is_private ?? false,
                                followers: profile.edge_followed_by.count, following: profile.edge_follow.count)
    }
}
