extension InstagramWebClient {
    /// The session's owner, from GET `/api/v1/accounts/current_user/?edit=true` (facts §7). Validates the
    /// session: expired → `INVALID_SESSION`, checkpointed → `CHALLENGE_REQUIRED`.
    public func currentUser(session: InstagramSession) throws(InstagramError) -> InstagramUser {
        try getJSON(InstagramCurrentUser.self, path: "/api/v1/accounts/current_user/", query: [("edit", "true")],
                    session: session).user
    }
}
