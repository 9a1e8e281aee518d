extension InstagramWebClient {
    /// One page of `userID`'s followers or following: GET `/api/v1/friendships/<pk>/followers/` (or
    /// `/following/`) with `count` (≤ 200) and `max_id` (omitted on the first page), facts §5.1.
    /// A private account the session does not follow → `PRIVATE`; unknown user → `NOT_FOUND`.
    public func friendshipPage(_ list: FriendshipList, of userID: String, maxID: String?, count: Int = 200,
                               session: InstagramSession) throws(InstagramError) -> FriendshipPage {
        guard !userID.isEmpty, userID.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw InstagramError(.notFound, "not a user id")
        }
        var query = [("count", String(min(200, max(1, count)))), ("search_surface", "follow_list_page")]
        if let maxID, !maxID.isEmpty { query.append(("max_id", maxID)) }
        let page = try getJSON(FriendshipPage.self, path: "/api/v1/friendships/\(userID)/\(list.rawValue)/",
                               query: query, session: session)
        if page.hasMore, page.users.isEmpty {
            throw InstagramError(.badResponse, "an empty page that claims more follow")
        }
        return page
    }
}
