/// Changing the world: what follow, like and comment calls do.
extension World {
    /// What a follow or unfollow left behind, as `friendship_status` reports it.
    public struct Friendship: Sendable, Equatable {
        public var following: Bool
        public var followedBy: Bool
        public var outgoingRequest: Bool
        public var incomingRequest: Bool
        public var isPrivate: Bool
        public var previousFollowing: Bool
    }

    /// The relationship between viewer and target now.
    public func friendship(viewer: UInt64, target: UInt64, previous: Bool? = nil) -> Friendship {
        let following = isFollowing(viewer, target)
        return Friendship(following: following, followedBy: isFollowing(target, viewer),
                          outgoingRequest: hasRequested(viewer, target), incomingRequest: hasRequested(target, viewer),
                          isPrivate: user(pk: target)?.isPrivate ?? false, previousFollowing: previous ?? following)
    }

    /// Follows (public target) or requests to follow (private target). Idempotent.
    public mutating func follow(viewer: UInt64, target: UInt64, at time: Int) -> Friendship {
        let before = isFollowing(viewer, target)
        guard viewer != target, !before, !hasRequested(viewer, target) else {
            return friendship(viewer: viewer, target: target, previous: before)
        }
        let edge = FollowEdge(follower: viewer, followee: target, since: time,
                              pending: user(pk: target)?.isPrivate ?? false)
        followers[target, default: []].append(edge)
        following[viewer, default: []].append(edge)
        return friendship(viewer: viewer, target: target, previous: before)
    }

    /// Unfollows or withdraws a request. Idempotent.
    public mutating func unfollow(viewer: UInt64, target: UInt64) -> Friendship {
        let before = isFollowing(viewer, target)
        followers[target]?.removeAll { $0.follower == viewer }
        following[viewer]?.removeAll { $0.followee == target }
        return friendship(viewer: viewer, target: target, previous: before)
    }

    /// Approves a pending request (admin API).
    public mutating func approve(follower: UInt64, followee: UInt64) -> Bool {
        guard let index = followers[followee]?.firstIndex(where: { $0.follower == follower && $0.pending }) else { return false }
        followers[followee]![index].pending = false
        if let other = following[follower]?.firstIndex(where: { $0.followee == followee }) {
            following[follower]![other].pending = false
        }
        return true
    }

    /// Likes a post. Idempotent.
    public mutating func like(user: UInt64, post: UInt64) {
        if !(likes[post]?.contains(user) ?? false) { likes[post, default: []].append(user) }
    }

    /// Removes a like. Idempotent.
    public mutating func unlike(user: UInt64, post: UInt64) {
        likes[post]?.removeAll { $0 == user }
    }

    /// Adds a comment and returns it.
    public mutating func addComment(user: UInt64, post: UInt64, text: String, at time: Int,
                                    repliedTo: UInt64? = nil) -> SandboxComment {
        let comment = SandboxComment(pk: nextCommentPK, mediaPK: post, userPK: user, text: text, createdAt: time,
                                     repliedToPK: repliedTo)
        nextCommentPK += 1
        comments[post, default: []].append(comment)
        return comment
    }

    /// Deletes a comment made by `user` (or on their post). Returns whether one was removed.
    public mutating func deleteComment(user: UInt64, post: UInt64, comment: UInt64) -> Bool {
        guard let index = comments[post]?.firstIndex(where: { $0.pk == comment }) else { return false }
        let owner = posts[post]?.ownerPK
        guard comments[post]![index].userPK == user || owner == user else { return false }
        comments[post]!.remove(at: index)
        return true
    }

    /// Adds a session (login) and returns it.
    public mutating func addSession(_ session: SandboxSession) {
        sessions[session.sessionID] = session
    }
}
