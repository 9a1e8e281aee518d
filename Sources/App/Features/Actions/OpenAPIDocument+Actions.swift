import Web

extension OpenAPIDocument {
    /// Paths of the account actions, their limits and their audit log (issue 15).
    static var actionPaths: [String: JSONValue] {
        var paths: [String: JSONValue] = [
            "/api/instagram/limits/{username}": ["get": operation(
                "instagramLimits", "Where the account of a saved session stands against its daily limits (rolling 24 h)", ok: nil, auth: true,
                parameters: [pathParameter("username", "The saved session's Instagram username")],
                extra: ["200": inline("The limits", ["type": "object", "properties": [
                            "success": ["type": "boolean"],
                            "data": ["type": "object", "properties": ["username": ["type": "string"], "instagram_user_id": ["type": "string"],
                                                                      "limits": ["type": "object", "properties": [
                                                                          "follow": limitSchema, "like": limitSchema, "comment": limitSchema]]]]]]),
                        "404": errorResponse("No unexpired session by that name for this API key (INVALID_SESSION)")]),
                "put": operation(
                "setInstagramLimits", "Set the account's own daily limits (at most the operator's; null returns to it); answers as GET",
                ok: nil, auth: true, body: nil, parameters: [pathParameter("username", "The saved session's Instagram username")],
                extra: ["400": ref("BadRequest"), "413": ref("PayloadTooLarge"), "415": ref("UnsupportedMediaType"), "422": ref("ValidationError"),
                        "404": errorResponse("No unexpired session by that name for this API key (INVALID_SESSION)")])
                .withRequestBody(["type": "object", "additionalProperties": false, "properties": [
                    "follow": ["type": ["integer", "null"], "minimum": 0], "like": ["type": ["integer", "null"], "minimum": 0],
                    "comment": ["type": ["integer", "null"], "minimum": 0]]])],
            "/api/instagram/actions": ["get": operation(
                "instagramActions", "The audit log of this API key's actions, newest first (CSV with format=csv or Accept: text/csv)",
                ok: nil, auth: true,
                extra: ["422": ref("ValidationError")]).withParameters([
                    textQueryParameter("username", "Only this account"), textQueryParameter("from", "From this time (ISO 8601 or unix seconds)"),
                    textQueryParameter("to", "Before this time"), textQueryParameter("limit", "At most this many rows (default 1000)"),
                    textQueryParameter("format", "csv for CSV")])],
        ]
        for (action, summary, body) in [("follow", "Follow an account (action_type unfollow: unfollow)", followBody),
                                        ("unfollow", "Unfollow an account", followBody),
                                        ("like", "Like a post (action_type unlike: unlike)", likeBody),
                                        ("unlike", "Remove a like", likeBody),
                                        ("comment", "Comment on a post (1–2,200 characters)", commentBody)] {
            paths["/api/instagram/\(action)"] = ["post": operation(
                "instagram" + action.prefix(1).uppercased() + action.dropFirst(), summary + " with a saved session, within the account's daily limits; RateLimit-* and X-RateLimit-* headers",
                ok: nil, auth: true, body: nil, extra: actionErrors).withRequestBody(body)]
        }
        return paths
    }

    /// Every error an action can answer.
    static var actionErrors: [String: JSONValue?] {
        ["400": ref("BadRequest"), "413": ref("PayloadTooLarge"), "415": ref("UnsupportedMediaType"), "422": ref("ValidationError"),
         "404": errorResponse("No unexpired saved session by that name for this API key (INVALID_SESSION), or Instagram has no such target (REQUEST_FAILED)"),
         "403": errorResponse("Instagram logged the session out (INVALID_SESSION) or wants a challenge passed (CHALLENGE_REQUIRED); the session is marked and not sent again"),
         "409": errorResponse("Already done on Instagram, through instagate or not (ALREADY_DONE): the post is liked (its has_liked; no like sent), the account is followed (friendships/show's following, or the follow answer's previous_following), or a follow request to the private account still awaits its approval (outgoing_request; errors.friendship is requested; nothing sent); no unit used"),
         "429": errorResponse("The account's daily limit is used up, its next action slot is too far, or Instagram rate limits it (RATE_LIMIT_EXCEEDED); Instagram blocked this action type (ACTION_BLOCKED, errors.blocked_until). Retry-After says when"),
         "502": errorResponse("Instagram refused or failed (REQUEST_FAILED, with Instagram's message)"),
         "503": errorResponse("The database is unavailable (SERVICE_UNAVAILABLE), or every thread allowed to wait on Instagram is taken (UPSTREAM_BUSY); Retry-After says when")]
    }

    static let limitSchema: JSONValue = ["type": "object", "properties": [
        "limit": ["type": "integer"], "used": ["type": "integer"], "remaining": ["type": "integer"],
        "reset_at": ["type": "string", "format": "date-time"], "blocked_until": ["type": "string", "format": "date-time"]]]

    static let followBody: JSONValue = ["type": "object", "required": ["username"], "additionalProperties": false, "properties": [
        "username": ["type": "string", "description": "The saved session's Instagram username"],
        "target_user_id": ["type": ["string", "integer"]], "target_username": ["type": "string"],
        "action_type": ["type": "string", "enum": ["follow", "unfollow"]]]]

    static let likeBody: JSONValue = ["type": "object", "required": ["username"], "additionalProperties": false, "properties": [
        "username": ["type": "string"], "media_id": ["type": ["string", "integer"]], "shortcode": ["type": "string"],
        "url": ["type": "string"], "action_type": ["type": "string", "enum": ["like", "unlike"]]]]

    static let commentBody: JSONValue = ["type": "object", "required": ["username", "text"], "additionalProperties": false, "properties": [
        "username": ["type": "string"], "media_id": ["type": ["string", "integer"]], "shortcode": ["type": "string"],
        "url": ["type": "string"], "text": ["type": "string", "minLength": 1, "maxLength": 2200]]]

    static func textQueryParameter(_ name: String, _ description: String) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "description": .string(description), "schema": ["type": "string"]]
    }
}

extension JSONValue {
    /// An operation with these (query) parameters.
    func withParameters(_ parameters: [JSONValue]) -> JSONValue {
        guard case .object(var operation) = self else { return self }
        operation["parameters"] = .array(parameters)
        return .object(operation)
    }
}
