import HTTPClient

extension InstagramWebClient {
    /// Performs `action` on `target` (an account's pk, or a post's media pk) with the session, through the web
    /// endpoint (facts §6). The request is never retried (not idempotent) and a redirect is not followed: a
    /// redirect to the login page is `INVALID_SESSION` at the first hop (facts §7). Refusals arrive classified
    /// (`feedback_required`, `challenge_required`, `login_required`, 429, ...). A comment goes on a new connection:
    /// libcurl sends a request again by itself when a kept connection closes before any answer, and a second
    /// comment would be a second comment (a second like or follow changes nothing on Instagram).
    public func perform(_ action: InstagramAction, target: UInt64, text: String? = nil,
                        session: InstagramSession) throws(InstagramError) -> InstagramActionReceipt {
        let path = action.webPath(target: target)
        let form = action == .comment ? [("comment_text", text ?? "")] : []
        return try decode(InstagramActionReceipt.self,
                          from: postOnce(path: path, form: form, session: session, freshConnection: action == .comment), path: path)
    }

    /// Checks that Instagram accepts the session's `csrftoken` for a POST (the double submit every action
    /// needs): a harmless friendship lookup of the owner itself. A refused token is `INVALID_SESSION`.
    public func checkCSRFToken(session: InstagramSession, ownerID: String) throws(InstagramError) {
        _ = try postOnce(path: "/api/v1/friendships/show_many/", form: [("user_ids", ownerID)], session: session)
    }

    /// One POST with the session's cookies and `X-CSRFToken`, no redirect followed; the body of a success.
    /// `freshConnection`: on a new connection, so that libcurl cannot send it a second time by itself.
    func postOnce(path: String, form: [(String, String)], session: InstagramSession,
                  freshConnection: Bool = false) throws(InstagramError) -> [UInt8] {
        var request = makeRequest(method: "POST", path: path, query: [], session: session, host: .web)
        request.headers.append(("Content-Type", "application/x-www-form-urlencoded"))
        request.body = Array(FormEncoding.encode(form).utf8)
        request.followsRedirects = false
        request.freshConnection = freshConnection
        return try send(request, hasSession: true)
    }
}
