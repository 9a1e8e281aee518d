import Foundation

extension InstagramWebClient {
    /// One page of `userID`'s followers or following: GET `/api/v1/friendships/<pk>/followers/` (or
    /// `/following/`) with `count` (≤ 200) and `max_id` (omitted on the first page), facts §5.1.
    /// A private account the session does not follow → `PRIVATE`; unknown user → `NOT_FOUND`.
    public func friendshipPage(_ list: FriendshipList, of userID: String, maxID: String?, count: Int = 200,
                               session: InstagramSession) throws(InstagramError) -> FriendshipPage {
        let raw = try rawFriendshipPage(list, of: userID, maxID: maxID, count: count, session: session)
        return try decode(FriendshipPage.self, from: raw.body, path: "/api/v1/friendships/")
    }

    /// The same page undecoded: the JSON checked for its shape (an object with a `users` array of objects),
    /// with the user count and the next cursor read off it. Garbage, another shape or an empty page that
    /// claims more → `BAD_RESPONSE`.
    public func rawFriendshipPage(_ list: FriendshipList, of userID: String, maxID: String?, count: Int = 200,
                                  session: InstagramSession) throws(InstagramError) -> RawFriendshipPage {
        guard !userID.isEmpty, userID.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw InstagramError(.notFound, "not a user id")
        }
        var query = [("count", String(min(200, max(1, count)))), ("search_surface", "follow_list_page")]
        if let maxID, !maxID.isEmpty { query.append(("max_id", maxID)) }
        let body = try getData(path: "/api/v1/friendships/\(userID)/\(list.rawValue)/", query: query, session: session)
        let page: RawFriendshipPage
        do {
            page = try FriendshipPageScanner.scan(body)
        } catch {
            throw InstagramError(.badResponse, "not a friendships page: \(error.reason)")
        }
        if page.hasMore, page.userCount == 0 {
            throw InstagramError(.badResponse, "an empty page that claims more follow")
        }
        return page
    }
}
