import Web

extension OpenAPIDocument {
    /// Paths of the downloader endpoints (issue 6).
    static var downloadPaths: [String: JSONValue] {
        [
            "/api/download": ["post": operation(
                "download", "Download every photo and video of a post or reel (best quality), the video thumbnails and the metadata JSON; answers signed links nginx serves",
                ok: nil, auth: true, body: nil,
                extra: ["200": inline("The files, signed links (valid INSTAGATE_DOWNLOAD_LINK_TTL seconds) and the metadata", downloadAnswer),
                        "202": inline("Queued for the worker: asked for (async), videos above INSTAGATE_DOWNLOAD_ASYNC_BYTES (size), the synchronous deadline passed (deadline; partial files are resumed) or another request is downloading the post (busy). A profile, stories or highlight URL is always queued: job_id is then a 16-hex string, kind says which, status_url is GET /api/collections/{job_id}", ["type": "object", "properties": [
                            "success": ["type": "boolean"], "status": ["type": "string"], "shortcode": ["type": "string"],
                            "job_id": ["type": "integer"], "status_url": ["type": "string"],
                            "reason": ["type": "string", "enum": ["async", "size", "deadline", "busy"]]]]),
                        "400": ref("BadRequest"), "413": ref("PayloadTooLarge"), "415": ref("UnsupportedMediaType"),
                        "422": errorResponse("A field is invalid (VALIDATION_ERROR), or a stories or highlight URL without a saved session (SESSION_REQUIRED)"),
                        "401": errorResponse("Missing or unknown API key (UNAUTHORIZED), or Instagram requires a login for this post and no session is saved (LOGIN_REQUIRED)"),
                        "403": errorResponse("PRIVATE_MEDIA, INVALID_SESSION or CHALLENGE_REQUIRED"),
                        "404": errorResponse("Instagram has no such post (MEDIA_NOT_FOUND)"),
                        "429": errorResponse("nginx's 10/min limit, the key's daily quota (QUOTA_EXCEEDED) or Instagram's rate limit (RATE_LIMIT_EXCEEDED); Retry-After says when"),
                        "502": errorResponse("Instagram or its CDN failed (UPSTREAM_ERROR)")])
                .withRequestBody(downloadBody)],
            "/api/downloads": ["get": operation(
                "listDownloads", "This user's downloads, newest first", ok: nil, auth: true,
                parameters: [queryParameter("limit", "Page size, 1–100 (default 20)"), queryParameter("offset", "Rows to skip (default 0)")],
                extra: ["200": inline("A page of downloads", downloadPage), "422": ref("ValidationError")])],
            "/api/downloads/{shortcode}": [
                "get": operation("getDownload", "One download: status, progress in bytes, fresh signed links and metadata", ok: nil,
                                 auth: true, parameters: [pathParameter("shortcode", "The post's shortcode")],
                                 extra: ["200": inline("The download; webhook only when its job was given a callback_url", ["type": "object", "properties": [
                                             "success": ["type": "boolean"], "download": downloadItem, "webhook": webhookInfo]]),
                                         "404": ref("NotFound")]),
                "delete": operation("deleteDownload", "Forget one download; its files are removed when no other download uses them",
                                    ok: nil, auth: true, parameters: [pathParameter("shortcode", "The post's shortcode")],
                                    extra: ["404": ref("NotFound")]),
            ],
        ]
    }

    static func inline(_ description: String, _ schema: JSONValue) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": schema]]]
    }

    static func queryParameter(_ name: String, _ description: String) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "description": .string(description), "schema": ["type": "integer"]]
    }

    static let downloadBody: JSONValue = ["type": "object", "required": ["url"], "additionalProperties": false, "properties": [
        "url": ["type": "string", "description": "A post, reel or IGTV URL (/p/, /reel/, /reels/, /tv/, optional /{username}/ prefix); or a profile (/USERNAME/), stories (/stories/USERNAME/[STORY_ID/]) or highlight (/stories/highlights/ID/, /s/TOKEN) URL, downloaded by a job"],
        "refresh": ["type": "boolean", "description": "Download again even if the post is in storage"],
        "async": ["type": "boolean", "description": "Answer 202 with job_id and status_url at once; the worker downloads (progress in GET /api/downloads/{shortcode})"],
        "wait": ["type": "number", "minimum": 1, "description": "Seconds to wait for a synchronous download before answering 202 (at most, and by default, INSTAGATE_DOWNLOAD_SYNC_DEADLINE)"],
        "session": ["type": "string", "description": "Username of a saved Instagram session to use when the post needs a login (default: the latest saved)"],
        "img_index": ["type": "integer", "minimum": 1, "maximum": 20, "description": "Only this carousel item (1-based)"],
        "single_item": ["type": "boolean", "description": "Only the item the URL's img_index selects"],
        "since": ["type": "string", "description": "Profiles: only posts taken at or after this date (2024-06-11) or ISO 8601 time"],
        "until": ["type": "string", "description": "Profiles: only posts taken at or before this date (the whole day) or time"],
        "max_posts": ["type": "integer", "minimum": 1, "maximum": 100000, "description": "Profiles: at most this many posts, newest first"],
        "callback_url": ["type": "string", "maxLength": 2048, "description": "An http(s) URL instagate POSTs the job's status JSON to when it ends (GET /api/collections/{job_id} for a profile, stories or highlight; GET /api/downloads/{shortcode} for a post), signed with X-Instagate-Signature (t=TIMESTAMP,v1=HMAC-SHA256 of \"TIMESTAMP.\" + body with the webhook secret), X-Instagate-Event (collection.completed, download.failed, ...), retried with backoff, never to a loopback, private or link-local address. Needs a secret (POST /api/webhooks/secret). A post download answered at once (200) calls nobody: the answer is the result; only one that becomes a job (202) does"],
    ]]

    static let fileSchema: JSONValue = ["type": "object", "properties": [
        "name": ["type": "string"], "kind": ["type": "string", "enum": ["photo", "video", "thumbnail"]], "index": ["type": "integer"],
        "size": ["type": "integer"], "sha256": ["type": "string"], "content_type": ["type": "string"],
        "width": ["type": ["integer", "null"]], "height": ["type": ["integer", "null"]], "url": ["type": "string"],
    ]]

    static let metadataSchema: JSONValue = ["type": "object", "description":
        "shortcode, media_id, pk, type, product_type, url, caption, hashtags, mentions, like_count, comment_count, view_count, play_count (null where hidden), author{id,username,full_name,is_verified,is_private}, taken_at (ISO 8601 UTC), location{id,name}, accessibility_caption, width, height, duration, items, files[{name,kind,index,size,sha256,content_type,width,height}], downloaded_at"]

    static let linkProperties: [String: JSONValue] = [
        "media_url": ["type": ["string", "null"]], "media_urls": ["type": "array", "items": ["type": "string"]],
        "thumbnail_url": ["type": ["string", "null"]], "thumbnail_urls": ["type": "array", "items": ["type": "string"]],
        "metadata_url": ["type": "string"], "expires_at": ["type": "string", "format": "date-time"],
        "files": ["type": "array", "items": fileSchema],
    ]

    static var downloadAnswer: JSONValue {
        .object(["type": "object", "properties": .object(linkProperties.merging([
            "success": ["type": "boolean"], "status": ["type": "string"], "shortcode": ["type": "string"],
            "media_type": ["type": "string", "enum": ["photo", "video", "carousel"]], "from_storage": ["type": "boolean"],
            "metadata": metadataSchema,
        ]) { a, _ in a })])
    }

    static var downloadItem: JSONValue {
        .object(["type": "object", "properties": .object(linkProperties.merging([
            "shortcode": ["type": "string"], "status": ["type": "string", "enum": ["pending", "running", "completed", "failed"]],
            "media_type": ["type": ["string", "null"]],
            "progress": ["type": "object", "properties": ["bytes_done": ["type": "integer"], "bytes_total": ["type": ["integer", "null"]]]],
            "created_at": ["type": "string", "format": "date-time"], "completed_at": ["type": ["string", "null"], "format": "date-time"],
            "metadata": metadataSchema,
        ]) { a, _ in a })])
    }

    /// A job's `callback_url` and its delivery attempts, in a status answer.
    static let webhookInfo: JSONValue = ["type": "object", "properties": [
        "url": ["type": "string"],
        "deliveries": ["type": "array", "items": ["type": "object", "properties": [
            "attempt": ["type": "integer"], "status": ["type": ["integer", "null"]],
            "outcome": ["type": "string", "enum": ["delivered", "failed", "refused"]], "error": ["type": ["string", "null"]],
            "duration_ms": ["type": "number"], "at": ["type": "string", "format": "date-time"]]]],
    ]]

    static var downloadPage: JSONValue {
        ["type": "object", "properties": ["success": ["type": "boolean"], "downloads": ["type": "array", "items": downloadItem],
                                          "total": ["type": "integer"], "limit": ["type": "integer"], "offset": ["type": "integer"]]]
    }
}

extension JSONValue {
    /// An operation with an inline JSON request body.
    func withRequestBody(_ schema: JSONValue) -> JSONValue {
        guard case .object(var operation) = self else { return self }
        operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": schema]]]
        return .object(operation)
    }
}
