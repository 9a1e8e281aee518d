/// Accounts and stories changed at run time (`/__sandbox/users/rename`, `DELETE /__sandbox/users/{username}`,
/// `/__sandbox/stories/expire`): what a download must survive part-way.
extension World {
    /// Renames a stored account (its pk, posts and stories stay); false when `from` is unknown or `to` is taken.
    public mutating func renameUser(_ from: String, to: String) -> Bool {
        guard let pk = usernames[from.lowercased()], users[pk] != nil, user(username: to) == nil else { return false }
        usernames[from.lowercased()] = nil
        usernames[to.lowercased()] = pk
        users[pk]?.username = to
        return true
    }

    /// Deletes a stored account as Instagram does: its name, profile, posts and stories are gone (by name and by pk);
    /// their CDN files stay served until their signatures expire. False when the username is unknown.
    public mutating func deleteUser(_ username: String) -> Bool {
        guard let pk = usernames[username.lowercased()], users[pk] != nil else { return false }
        usernames[username.lowercased()] = nil
        users[pk] = nil
        deletedUserPKs.insert(pk)
        for postPK in postsByOwner[pk] ?? [] { posts[postPK]?.deleted = true }
        stories[pk] = nil
        return true
    }

    /// Ends a live story now (sandbox clock `now`); its files go from the CDN unless a highlight keeps it. Nil when
    /// no story has that pk.
    public mutating func expireStory(pk: UInt64, now: Int) -> SandboxStory? {
        for (owner, list) in stories {
            guard let index = list.firstIndex(where: { $0.post.pk == pk }) else { continue }
            stories[owner]?[index].expiringAt = min(list[index].expiringAt, now)
            let kept = highlights.values.contains { $0.items.contains { $0.pk == pk } }
            if !kept {
                for item in list[index].post.items {
                    assets[item.image.cdnPath] = nil
                    if let video = item.video { assets[video.cdnPath] = nil }
                }
            }
            return stories[owner]?[index]
        }
        return nil
    }
}
