/// Reading the world: lookups, visibility, counts and list pages.
extension World {
    /// A user by pk, stored or generated.
    public func user(pk: UInt64) -> SandboxUser? {
        if let user = users[pk] { return user }
        for account in generated.values { if let user = account.user(pk: pk) { return user } }
        return nil
    }

    /// A user by username (case-insensitive, as Instagram usernames are), stored or generated.
    public func user(username: String) -> SandboxUser? {
        let lowered = username.lowercased()
        if let pk = usernames[lowered] { return users[pk] }
        for account in generated.values { if let user = account.user(username: lowered) { return user } }
        return nil
    }

    /// A post by pk, deleted ones included.
    public func post(pk: UInt64) -> SandboxPost? { posts[pk] }

    /// A post by shortcode (or 39-character share code), deleted ones included.
    public func post(shortcode: String) -> SandboxPost? {
        Shortcode.decode(shortcode).flatMap { posts[$0] }
    }

    /// A post by its fixture key.
    public func post(key: String) -> SandboxPost? { postKeys[key].flatMap { posts[$0] } }

    /// Whether `follower` follows `followee` (approved), stored or generated.
    public func isFollowing(_ follower: UInt64, _ followee: UInt64) -> Bool {
        if let edge = followers[followee]?.first(where: { $0.follower == follower }) { return !edge.pending }
        if let account = generated[followee], account.isFollower(follower) { return true }
        if let account = generated[follower], account.isFollowed(followee) { return true }
        return false
    }

    /// Whether `follower` has asked to follow the private `followee`.
    public func hasRequested(_ follower: UInt64, _ followee: UInt64) -> Bool {
        followers[followee]?.contains { $0.follower == follower && $0.pending } ?? false
    }

    /// Whether the viewer may see the owner's posts and lists: public, self, or an approved follower.
    public func canView(ownerPK: UInt64, viewerPK: UInt64?) -> Bool {
        guard let owner = user(pk: ownerPK) else { return false }
        if !owner.isPrivate { return true }
        guard let viewerPK else { return false }
        return viewerPK == ownerPK || isFollowing(viewerPK, ownerPK)
    }

    /// A post the viewer may see: exists, not deleted, owner visible.
    public func visiblePost(pk: UInt64, viewerPK: UInt64?) -> SandboxPost? {
        guard let post = posts[pk], !post.deleted, canView(ownerPK: post.ownerPK, viewerPK: viewerPK) else { return nil }
        return post
    }

    public func followerCount(_ pk: UInt64) -> Int {
        let stored = followers[pk]?.filter { !$0.pending }.count ?? 0
        if let account = generated[pk] { return stored + account.followerCount }
        if let generatedUser = user(pk: pk), generatedUser.isGenerated { return generatedUser.generatedCounts?.followers ?? 0 }
        return stored
    }

    public func followingCount(_ pk: UInt64) -> Int {
        let stored = following[pk]?.filter { !$0.pending }.count ?? 0
        if let account = generated[pk] { return stored + account.followingCount }
        if let generatedUser = user(pk: pk), generatedUser.isGenerated { return generatedUser.generatedCounts?.following ?? 0 }
        return stored
    }

    /// The owner's posts that are not deleted, pinned ones first, then newest first.
    public func timeline(ownerPK: UInt64) -> [SandboxPost] {
        let live = (postsByOwner[ownerPK] ?? []).compactMap { posts[$0] }.filter { !$0.deleted }
        return live.filter(\.pinned) + live.filter { !$0.pinned }
    }

    public func mediaCount(_ pk: UInt64) -> Int { timeline(ownerPK: pk).count }

    public func likeCount(_ post: SandboxPost) -> Int { post.baseLikeCount + (likes[post.pk]?.count ?? 0) }

    public func commentCount(_ post: SandboxPost) -> Int { post.baseCommentCount + (comments[post.pk]?.count ?? 0) }

    public func hasLiked(_ userPK: UInt64?, _ post: SandboxPost) -> Bool {
        guard let userPK else { return false }
        return likes[post.pk]?.contains(userPK) ?? false
    }

    /// A page of a user's followers (most recent first): the pks and the total.
    public func followersPage(of pk: UInt64, offset: Int, count: Int) -> (pks: [UInt64], total: Int) {
        let stored = (followers[pk] ?? []).filter { !$0.pending }.reversed().map(\.follower)
        return page(stored: stored, generatedCount: generated[pk]?.followerCount ?? 0, offset: offset, count: count) {
            generated[pk]!.followerPK(at: $0)
        }
    }

    /// A page of the accounts a user follows (most recent first).
    public func followingPage(of pk: UInt64, offset: Int, count: Int) -> (pks: [UInt64], total: Int) {
        let stored = (following[pk] ?? []).filter { !$0.pending }.reversed().map(\.followee)
        return page(stored: stored, generatedCount: generated[pk]?.followingCount ?? 0, offset: offset, count: count) {
            generated[pk]!.followingPK(at: $0)
        }
    }

    private func page(stored: [UInt64], generatedCount: Int, offset: Int, count: Int,
                      generatedPK: (Int) -> UInt64) -> (pks: [UInt64], total: Int) {
        let total = stored.count + generatedCount
        guard offset >= 0, offset < total, count > 0 else { return ([], total) }
        let end = min(total, offset + count)
        var result: [UInt64] = []
        result.reserveCapacity(end - offset)
        for position in offset..<end {
            result.append(position < stored.count ? stored[position] : generatedPK(position - stored.count))
        }
        return (result, total)
    }

    /// The user behind a session id, with the session.
    public func session(_ sessionID: String) -> SandboxSession? { sessions[sessionID] }

    /// The profile-picture asset of a user.
    public func profilePicture(of user: SandboxUser) -> MediaAsset? {
        profilePictures[user.profilePic] ?? profilePictures["a-default.jpg"]
    }

    /// The share token of a post (`/share/p/<token>`).
    public func shareToken(of pk: UInt64) -> String? {
        shareTokens.first { $0.value == pk }?.key
    }
}
