extension InstagramWebClient {
    /// Whether `action` on `target` is in place on Instagram as the session sees it (facts §6.1: GET
    /// `friendships/show/<pk>/` → `following`, `outgoing_request`; §3.2: GET `media/<pk>/info/` → `has_liked`): a
    /// follow is in place when following or requested, an unfollow when neither, a like when `has_liked`, an unlike
    /// when not. Comments have no such state: nil.
    public func isInPlace(_ action: InstagramAction, target: UInt64, session: InstagramSession) throws(InstagramError) -> Bool? {
        switch action.family {
        case .follow:
            let status = try friendship(with: target, session: session)
            let follows = status.following == true || status.outgoingRequest == true
            return action == .follow ? follows : !follows
        case .like:
            let info = try getJSON(MediaLikeState.self, path: "/api/v1/media/\(target)/info/", session: session)
            guard let liked = info.items.first?.hasLiked else {
                throw InstagramError(.badResponse, "media info without has_liked")
            }
            return action == .like ? liked : !liked
        default:
            return nil
        }
    }

    /// The session's relationship with the account `target` (facts §6.1: GET `friendships/show/<pk>/`): whether it
    /// follows it, and whether a follow request to it (a private account) waits for approval (`outgoing_request`).
    public func friendship(with target: UInt64, session: InstagramSession) throws(InstagramError) -> InstagramActionReceipt.Friendship {
        try getJSON(InstagramActionReceipt.Friendship.self, path: "/api/v1/friendships/show/\(target)/", session: session)
    }
}

/// The part of a v1 media info answer that says whether the viewer likes the post.
struct MediaLikeState: Decodable {
    struct Item: Decodable {
        var hasLiked: Bool?
        enum CodingKeys: String, CodingKey { case hasLiked = "has_liked" }
    }

    var items: [Item]
}
