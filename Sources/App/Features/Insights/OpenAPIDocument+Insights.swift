import Web

extension OpenAPIDocument {
    /// Paths of insights of published posts and connected accounts (issue 14).
    static var insightsPaths: [String: JSONValue] {
        let history: [JSONValue] = [stringQuery("from", "From this time: ISO 8601, a date (2026-12-06) or unix seconds (default 30 days before to)"),
                       stringQuery("to", "Up to this time (a date: its whole day; default now)"),
                       ["name": "format", "in": "query", "required": false, "description": "json (default) or csv",
                        "schema": ["type": "string", "enum": ["json", "csv"]]]]
        let figures: [String: JSONValue] = [
            "likes": nullableInteger, "comments": nullableInteger, "shares": nullableInteger, "saved": nullableInteger,
            "reach": nullableInteger, "impressions": ["type": ["integer", "null"], "description": "Meta's views (impressions were retired in 2025)"],
            "views": nullableInteger, "total_interactions": nullableInteger, "profile_visits": nullableInteger, "follows": nullableInteger,
            "interactions": ["type": ["integer", "null"], "description": "likes + comments + shares + saved (those Meta gave)"],
            "engagement_rate": ["type": ["number", "null"], "description": "interactions / reach, in percent (two decimals)"],
            "missing": ["type": "object", "additionalProperties": ["type": "string"], "description": "Each metric Meta did not give, and why"],
            "media_product_type": ["type": "string"], "source": ["type": "string", "enum": ["request", "collector"]],
            "collected_at": ["type": "string", "format": "date-time"], "post_id": ["type": "integer"], "account_id": ["type": "integer"],
            "media_id": ["type": "string"], "success": ["type": "boolean"]]
        let reading: JSONValue = ["type": "object", "properties": .object(figures)]
        let postHistory: JSONValue = ["type": "object", "properties": [
            "success": ["type": "boolean"], "post_id": ["type": "integer"], "account_id": ["type": "integer"], "media_id": ["type": ["string", "null"]],
            "from": ["type": "string", "format": "date-time"], "to": ["type": "string", "format": "date-time"], "count": ["type": "integer"],
            "points": ["type": "array", "items": reading]]]
        let day: JSONValue = ["type": "object", "properties": [
            "date": ["type": "string", "format": "date"], "reach": nullableInteger, "views": nullableInteger,
            "follower_count": ["type": ["integer", "null"], "description": "Meta's follower_count of the day (new followers)"],
            "profile_activity": ["type": ["integer", "null"], "description": "Meta's profile_links_taps of the day"],
            "accounts_engaged": nullableInteger, "total_interactions": nullableInteger,
            "missing": ["type": "object", "additionalProperties": ["type": "string"]], "collected_at": ["type": "string", "format": "date-time"]]]
        let collection: JSONValue = ["type": "object", "properties": [
            "state": ["type": "string", "enum": ["ok", "rate_limited", "budget", "reconnect_required", "failed"]],
            "paused_until": ["type": ["string", "null"], "format": "date-time"], "error_code": ["type": ["integer", "null"]],
            "message": ["type": ["string", "null"]], "last_run_at": ["type": ["string", "null"], "format": "date-time"]]]
        let accountAnswer: JSONValue = ["type": "object", "properties": [
            "success": ["type": "boolean"], "account_id": ["type": "integer"], "username": ["type": "string"],
            "from": ["type": "string", "format": "date-time"], "to": ["type": "string", "format": "date-time"], "count": ["type": "integer"],
            "days": ["type": "array", "items": day], "collection": collection]]
        return [
            "/api/sns/instagram/{post_id}/insights": ["get": operation(
                "instagramPostInsights", "A published post's insights (the earlier service's likes, comments, shares, saved, reach, impressions = views, engagement_rate = interactions / reach), read from Meta now under current metric names; a metric Meta refuses is left out and named in missing, never failing the others. With from, to or format: the stored history (hourly while the post is younger than 48 hours, daily after), as JSON or CSV",
                ok: nil, auth: true, parameters: [pathParameter("post_id", "The post's id (POST /api/sns/instagram/posts)", integer: true)] + history,
                extra: ["200": csvOrJSON("The reading (or with from/to/format the history: {points: [...]})", .object(["anyOf": .array([reading, postHistory])])),
                        "422": ref("ValidationError"),
                        "404": errorResponse("No post of this user has that id (NOT_FOUND)"),
                        "409": errorResponse("The post is not published yet (NOT_PUBLISHED), or the account's token no longer works (RECONNECT_REQUIRED)"),
                        "403": errorResponse("The account did not grant a needed permission (PERMISSION_MISSING)"),
                        "429": errorResponse("nginx's limit, or Meta's Graph API rate limit (RATE_LIMIT_EXCEEDED, codes 4/17/32/613/80002); Retry-After says when"),
                        "502": errorResponse("Meta's Graph API failed or did not answer in time (UPSTREAM_ERROR)"),
                        "503": errorResponse("The database is unavailable, Instagram calls are busy (UPSTREAM_BUSY), the login is not configured (GRAPH_NOT_CONFIGURED) or Meta no longer serves INSTAGATE_GRAPH_API_VERSION (GRAPH_API_VERSION_RETIRED: the message names the version and what to change)")])],
            "/api/sns/instagram/account/insights": ["get": operation(
                "instagramAccountInsights", "A connected account's daily figures (reach, views, follower_count, profile_activity, accounts_engaged, total_interactions) as the insights_collect job stored them from Meta, one row per Meta day, with the collection's state (paused after a rate limit or at the usage budget, and why); CSV with format=csv",
                ok: nil, auth: true,
                parameters: [queryParameter("account_id", "The account_id of a connected account (required)")] + history,
                extra: ["200": csvOrJSON("The account's days", accountAnswer), "422": ref("ValidationError"),
                        "404": errorResponse("No connected account of this user has that id (NOT_FOUND)")])],
        ]
    }

    static let nullableInteger: JSONValue = ["type": ["integer", "null"]]

    /// A 200 that is JSON, or CSV with `format=csv`.
    static func csvOrJSON(_ description: String, _ schema: JSONValue) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": schema],
                                                          "text/csv": ["schema": ["type": "string"]]]]
    }
}
