import Web

extension OpenAPIDocument {
    /// The paths under `/api/` that need no key: the health check, and Meta's redirect (the sealed state names the user).
    static let publicAPIPaths: Set<String> = ["/api/health", "/api/sns/instagram/callback", "/api/sns/instagram/webhook",
                                              "/api/sns/instagram/deauthorize", "/api/sns/instagram/data-deletion",
                                              "/api/sns/instagram/data-deletion/status"]

    /// Paths of connected professional accounts (issue 13).
    static var connectedAccountPaths: [String: JSONValue] {
        let graphErrors: [String: JSONValue?] = [
            "409": errorResponse("The account's token no longer works: connect it again (RECONNECT_REQUIRED)"),
            "429": errorResponse("nginx's limit, or Meta's Graph API rate limit (RATE_LIMIT_EXCEEDED, codes 4/17/32/613/80002); Retry-After says when"),
            "403": errorResponse("The account did not grant a needed permission (PERMISSION_MISSING)"),
            "502": errorResponse("Meta's Graph API failed or did not answer in time (UPSTREAM_ERROR)"),
            "503": errorResponse("The database is unavailable, Instagram calls are busy (UPSTREAM_BUSY), the login is not configured (GRAPH_NOT_CONFIGURED) or Meta no longer serves INSTAGATE_GRAPH_API_VERSION (GRAPH_API_VERSION_RETIRED: the message names the version and what to change)"),
            "404": errorResponse("No connected account of this user has that id (NOT_FOUND)"),
        ]
        let accountID = queryParameter("account_id", "The account_id of a connected account (required)")
        let authorize = operation("authorizeInstagram", "The consent page URL (auth_url) to connect an Instagram professional account; its state is sealed, expires, is accepted once and names this API user",
                                  ok: nil, auth: true,
                                  parameters: [stringQuery("flavour", "instagram (Instagram Login) or facebook (Facebook Login); default INSTAGATE_GRAPH_FLAVOUR")],
                                  extra: ["200": inline("The URL to open", authorizeAnswer), "400": ref("BadRequest"), "415": ref("UnsupportedMediaType"),
                                          "422": ref("ValidationError"),
                                          "503": errorResponse("The database is unavailable or the login is not configured (GRAPH_NOT_CONFIGURED)")])
        return [
            "/api/sns/instagram/oauth/authorize": ["post": authorize, "get": authorize],
            "/api/sns/instagram/callback": ["get": operation(
                "instagramCallback", "Meta's redirect after the consent page (no key: the state names the user). Exchanges the code for a long-lived token, stored sealed, and connects the account. An HTML page; JSON with format=json or Accept: application/json",
                ok: nil, auth: false,
                parameters: [stringQuery("state", "The state of auth_url"), stringQuery("code", "Meta's authorization code"),
                             stringQuery("error", "access_denied when the user declined"), stringQuery("format", "json for a JSON answer")],
                extra: orHTMLPage(["200": inline("The connected accounts (JSON), or an HTML page", ["type": "object", "properties": [
                            "success": ["type": "boolean"], "accounts": ["type": "array", "items": accountSchema]]]),
                        "400": errorResponse("INVALID_STATE (missing or forged), STATE_EXPIRED, STATE_ALREADY_USED, MISSING_CODE, NO_PROFESSIONAL_ACCOUNT, or OAUTH_REJECTED (the code was reused, expired or its redirect URI differs)"),
                        "403": errorResponse("The user declined on Meta's page (ACCESS_DENIED) or a permission is missing (PERMISSION_MISSING)"),
                        "409": errorResponse("Meta refused the new token (RECONNECT_REQUIRED)"),
                        "429": errorResponse("nginx's limit or Meta's rate limit (RATE_LIMIT_EXCEEDED)"),
                        "502": errorResponse("Meta's Graph API failed (UPSTREAM_ERROR)"),
                        "503": errorResponse("The database is unavailable, Instagram calls are busy (UPSTREAM_BUSY), the login is not configured (GRAPH_NOT_CONFIGURED) or Meta no longer serves INSTAGATE_GRAPH_API_VERSION (GRAPH_API_VERSION_RETIRED)")]))],
            "/api/sns/instagram/webhook": [
                "get": operation("verifyInstagramWebhook", "Meta's subscription check: answers hub.challenge as text when hub.mode is subscribe and hub.verify_token is INSTAGATE_GRAPH_WEBHOOK_VERIFY_TOKEN_FILE's token",
                                 ok: nil, auth: false, parameters: [stringQuery("hub.mode", "subscribe"), stringQuery("hub.verify_token", "our verify token"), stringQuery("hub.challenge", "echoed")],
                                 extra: ["200": ["description": "The challenge", "content": ["text/plain": ["schema": ["type": "string"]]]],
                                         "403": errorResponse("VERIFICATION_FAILED")]),
                "post": operation("receiveInstagramWebhook", "A webhook event; X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the app secret) is checked before anything is parsed, then the event is stored",
                                  ok: nil, auth: false,
                                  extra: ["400": errorResponse("The body is not a JSON object (MALFORMED_JSON)"), "403": errorResponse("INVALID_SIGNATURE: nothing stored"),
                                          "413": ref("PayloadTooLarge"), "503": ref("ServiceUnavailable")]),
            ],
            "/api/sns/instagram/deauthorize": ["post": operation(
                "instagramDeauthorize", "Meta's deauthorize callback (form field signed_request): the user's accounts become reconnect_required and their tokens are dropped",
                ok: nil, auth: false, extra: ["403": errorResponse("INVALID_SIGNATURE"), "503": ref("ServiceUnavailable")])],
            "/api/sns/instagram/data-deletion": ["post": operation(
                "instagramDataDeletion", "Meta's data-deletion callback (signed_request): the user's accounts and tokens are deleted; answers {url, confirmation_code}",
                ok: nil, auth: false, extra: ["403": errorResponse("INVALID_SIGNATURE"), "503": ref("ServiceUnavailable")])],
            "/api/sns/instagram/data-deletion/status": ["get": operation(
                "instagramDataDeletionStatus", "What a data-deletion request did, by its confirmation code", ok: nil, auth: false,
                parameters: [stringQuery("code", "The confirmation code")],
                extra: ["404": errorResponse("No such confirmation code (NOT_FOUND)"), "503": ref("ServiceUnavailable")])],
            "/api/sns/instagram/accounts": ["get": operation(
                "listInstagramAccounts", "This user's connected accounts (status connected or reconnect_required); never a token", ok: nil, auth: true,
                extra: ["200": inline("The accounts", ["type": "object", "properties": [
                    "success": ["type": "boolean"], "count": ["type": "integer"], "accounts": ["type": "array", "items": accountSchema]]])])],
            "/api/sns/instagram/accounts/{account_id}": ["delete": operation(
                "deleteInstagramAccount", "Disconnect: revokes at Meta where the login allows it (Facebook Login), deletes the token and the account",
                ok: nil, auth: true, parameters: [pathParameter("account_id", "The account_id", integer: true)],
                extra: ["404": errorResponse("No connected account of this user has that id (NOT_FOUND)"),
                        "503": errorResponse("The database is unavailable or the secret key is unusable")])],
            "/api/sns/instagram/accounts/{account_id}/refresh": ["post": operation(
                "refreshInstagramToken", "A new long-lived token now (Meta refuses tokens younger than 24 hours); the worker also refreshes before expiry",
                ok: nil, auth: true, parameters: [pathParameter("account_id", "The account_id", integer: true)],
                extra: graphErrors.merging(["200": inline("The account", ["type": "object", "properties": ["success": ["type": "boolean"], "account": accountSchema]]),
                                            "409": errorResponse("The token no longer works: connect it again (RECONNECT_REQUIRED); or Meta refused to refresh it now, as it does an Instagram-Login token younger than 24 hours (TOKEN_NOT_REFRESHABLE: the token is kept)")]) { _, new in new })],
            "/api/sns/instagram/account/info": ["get": operation(
                "instagramAccountInfo", "The profile: username, followers, following, bio, account_type, media_count (from PostgreSQL while younger than INSTAGATE_GRAPH_INFO_TTL; refresh=true reads Meta)",
                ok: nil, auth: true, parameters: [accountID, stringQuery("refresh", "true to read Meta now")],
                extra: graphErrors.merging(["200": inline("The profile", ["type": "object", "properties": ["success": ["type": "boolean"], "account": infoSchema]]),
                                            "422": ref("ValidationError")]) { _, new in new })],
            "/api/sns/instagram/hashtags/search": ["get": operation(
                "instagramHashtagSearch", "A hashtag's top or recent public media through an account connected with Facebook Login; Meta allows 30 unique hashtags per account per 7 days (hashtags_remaining_this_week; the 31st is 429 RATE_LIMIT_EXCEEDED)",
                ok: nil, auth: true,
                parameters: [accountID, stringQuery("q", "The hashtag (with or without #)"), stringQuery("type", "top (default) or recent (last 24 hours)"),
                             queryParameter("limit", "Page size 1–50 (default 25)"), stringQuery("cursor", "next_cursor of the previous page")],
                extra: graphErrors.merging(["200": inline("The hashtag and a page of media", ["type": "object", "properties": [
                    "success": ["type": "boolean"], "account_id": ["type": "integer"],
                    "hashtag": ["type": "object", "properties": ["id": ["type": "string"], "name": ["type": "string"]]],
                    "type": ["type": "string", "enum": ["top", "recent"]], "media": mediaPage, "count": ["type": "integer"],
                    "next_cursor": ["type": ["string", "null"]], "has_more": ["type": "boolean"],
                    "hashtags_searched_this_week": ["type": "integer"], "hashtags_remaining_this_week": ["type": "integer"]]]),
                    "422": ref("ValidationError")]) { _, new in new })],
            "/api/sns/instagram/media": ["get": operation(
                "instagramMedia", "A page of the account's media, newest first", ok: nil, auth: true,
                parameters: [accountID, queryParameter("limit", "Page size 1–100 (default 25)"), stringQuery("cursor", "next_cursor of the previous page")],
                extra: graphErrors.merging(["200": inline("A page of media", mediaPage), "422": ref("ValidationError")]) { _, new in new })],
        ]
    }

    static func stringQuery(_ name: String, _ description: String) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "description": .string(description), "schema": ["type": "string"]]
    }

    static let authorizeAnswer: JSONValue = ["type": "object", "properties": [
        "success": ["type": "boolean"], "auth_url": ["type": "string"], "flavour": ["type": "string", "enum": ["instagram", "facebook"]],
        "expires_at": ["type": "string", "format": "date-time"]]]

    static let accountSchema: JSONValue = ["type": "object", "properties": [
        "account_id": ["type": "integer"], "platform": ["type": "string"], "account_name": ["type": "string"], "username": ["type": "string"],
        "name": ["type": ["string", "null"]], "platform_user_id": ["type": "string"], "flavour": ["type": "string"],
        "account_type": ["type": ["string", "null"], "description": "business or creator"],
        "graph_account_type": ["type": ["string", "null"], "description": "BUSINESS or MEDIA_CREATOR"],
        "status": ["type": "string", "enum": ["connected", "reconnect_required"]], "status_reason": ["type": ["string", "null"]],
        "followers_count": ["type": ["integer", "null"]], "following_count": ["type": ["integer", "null"]],
        "media_count": ["type": ["integer", "null"]], "profile_picture_url": ["type": ["string", "null"]], "page_id": ["type": ["string", "null"]],
        "token_expires_at": ["type": ["string", "null"], "format": "date-time"], "token_refreshed_at": ["type": ["string", "null"], "format": "date-time"],
        "connected_at": ["type": "string", "format": "date-time"], "updated_at": ["type": "string", "format": "date-time"],
        "graph_usage": usageSchema,
        "webhook_subscribed": ["type": "boolean", "description":
            "Instagram Login only: whether the account subscribed instagate's app to its webhook events (Meta's POST me/subscribed_apps) at its last connect; events are delivered only then"],
        "webhook_fields": ["type": "array", "items": ["type": "string"], "description": "Instagram Login only: the webhook fields subscribed"],
        "webhook_error": ["type": "string", "description": "Instagram Login only: why the subscription failed (the connect itself succeeded; connect again to retry)"]]]

    static let usageSchema: JSONValue = ["type": "object", "description":
        "Meta's last x-business-use-case-usage for the account (percent); paused_until: no call is made for it before then (429)",
        "properties": ["percent": ["type": "integer"], "paused_until": ["type": ["string", "null"], "format": "date-time"]]]

    static let infoSchema: JSONValue = ["type": "object", "properties": [
        "account_id": ["type": "integer"], "username": ["type": "string"], "name": ["type": ["string", "null"]],
        "followers": ["type": ["integer", "null"]], "following": ["type": ["integer", "null"]], "bio": ["type": ["string", "null"]],
        "account_type": ["type": ["string", "null"]], "graph_account_type": ["type": ["string", "null"]],
        "followers_count": ["type": ["integer", "null"]], "follows_count": ["type": ["integer", "null"]], "media_count": ["type": ["integer", "null"]],
        "biography": ["type": ["string", "null"]], "website": ["type": ["string", "null"]], "profile_picture_url": ["type": ["string", "null"]],
        "status": ["type": "string"], "refreshed_at": ["type": ["string", "null"], "format": "date-time"], "from_cache": ["type": "boolean"],
        "graph_usage": usageSchema]]

    static let mediaPage: JSONValue = ["type": "object", "properties": [
        "success": ["type": "boolean"], "account_id": ["type": "integer"], "count": ["type": "integer"], "limit": ["type": "integer"],
        "next_cursor": ["type": ["string", "null"]], "has_more": ["type": "boolean"],
        "media": ["type": "array", "items": ["type": "object", "description":
            "id, caption, media_type (IMAGE, VIDEO, CAROUSEL_ALBUM), media_product_type (FEED, REELS), media_url, thumbnail_url, permalink, shortcode, timestamp, username, like_count, comments_count, children[{id, media_type, media_url, thumbnail_url}]"]]]]

    /// The callback's answers: each is also an HTML page (`text/html`), what a browser gets by default.
    static func orHTMLPage(_ responses: [String: JSONValue?]) -> [String: JSONValue?] {
        responses.mapValues { response in
            guard case .object(var fields)? = response, case .object(var content)? = fields["content"] else { return response }
            content["text/html"] = ["schema": ["type": "string"]]
            fields["content"] = .object(content)
            return .object(fields)
        }
    }
}
