import Web

extension OpenAPIDocument {
    /// Paths of the saved Instagram sessions (issue 6).
    static var sessionPaths: [String: JSONValue] {
        [
            "/api/instagram/session": ["post": operation(
                "saveInstagramSession", "Save an Instagram session (cookies) for posts that need a login; checked against Instagram, encrypted at rest, never returned",
                ok: nil, auth: true, body: nil,
                extra: ["201": inline("Saved", ["type": "object", "properties": ["success": ["type": "boolean"], "session": sessionSchema,
                                                                                     "data": ["type": "object", "properties": ["session": sessionSchema]]]]),
                        "200": nil, "400": ref("BadRequest"), "413": ref("PayloadTooLarge"), "415": ref("UnsupportedMediaType"),
                        "422": ref("ValidationError"),
                        "403": errorResponse("Instagram refused the session or its csrf_token (INVALID_SESSION, naming the field), or wants a challenge passed (CHALLENGE_REQUIRED)"),
                        "502": errorResponse("Instagram failed or did not answer within INSTAGATE_UPSTREAM_DEADLINE (UPSTREAM_ERROR)"),
                        "503": errorResponse("The database is unavailable (SERVICE_UNAVAILABLE), or every thread allowed to wait on Instagram is taken (UPSTREAM_BUSY); Retry-After says when to retry")])
                .withRequestBody(sessionBody)],
            "/api/instagram/sessions": ["get": operation(
                "listInstagramSessions", "This user's saved Instagram sessions (no secrets)", ok: nil, auth: true,
                extra: ["200": inline("The sessions", ["type": "object", "properties": ["success": ["type": "boolean"],
                                                                                          "sessions": ["type": "array", "items": sessionSchema]]])])],
            "/api/instagram/session/{username}": ["delete": operation(
                "deleteInstagramSession", "Remove a saved Instagram session", ok: nil, auth: true,
                parameters: [pathParameter("username", "The Instagram username")], extra: ["404": ref("NotFound")])],
        ]
    }

    static let sessionBody: JSONValue = ["type": "object", "required": ["username"],
                                         "additionalProperties": false, "properties": [
        "username": ["type": "string"], "session_id": ["type": "string", "description": "The sessionid cookie (unless cookies.sessionid is given)"],
        "csrf_token": ["type": "string", "description": "The csrftoken cookie (or cookies.csrftoken); Instagram must accept it for this session"],
        "ds_user_id": ["type": "string", "description": "The ds_user_id cookie (default: the digits leading session_id)"],
        "cookies": ["type": "object", "additionalProperties": ["type": "string"],
                    "description": "The earlier service's shape: the browser's cookies by name (sessionid, csrftoken, ds_user_id)"],
        "user_agent": ["type": "string", "maxLength": 512, "description": "The browser's User-Agent; sent with every call made with the session"],
    ]]

    static let sessionSchema: JSONValue = ["type": "object", "properties": [
        "username": ["type": "string"], "instagram_user_id": ["type": "string"], "full_name": ["type": "string"],
        "created_at": ["type": "string", "format": "date-time"], "updated_at": ["type": "string", "format": "date-time"],
        "last_used_at": ["type": ["string", "null"], "format": "date-time"],
        "expires_at": ["type": "string", "format": "date-time", "description": "INSTAGATE_SESSION_EXPIRY_HOURS after it was saved or last used"],
        "user_agent": ["type": ["string", "null"]],
        "state": ["type": "string", "enum": ["valid", "invalid", "challenge"], "description": "How Instagram answered its last action"],
    ]]
}
