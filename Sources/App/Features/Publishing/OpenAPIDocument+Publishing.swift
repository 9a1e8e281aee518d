import Web

extension OpenAPIDocument {
    /// Paths of publishing to connected accounts (issue 14).
    static var publishingPaths: [String: JSONValue] {
        let body: JSONValue = ["type": "object", "required": ["account_id", "image_url"], "additionalProperties": false, "properties": [
            "account_id": ["type": "integer", "description": "A connected account of this API user"],
            "image_url": ["type": "string", "description": "A public http(s) URL of a JPEG (Meta fetches it)"],
            "caption": ["type": "string", "description": "At most 2,200 characters and 20 @-mentions, hashtags included"],
            "hashtags": ["type": ["array", "string"], "items": ["type": "string"], "description": "Added to the caption; at most 30 hashtags in all"]]]
        return [
            "/api/sns/instagram/posts": ["post": operation(
                "createInstagramPost", "Publish a feed photo on a connected account: validated before any call to Meta (every bad field named), then a worker job creates the container, waits for FINISHED, reads the publishing limit and publishes once (never twice: after a lost answer the container's status decides)",
                ok: nil, auth: true, body: nil,
                extra: ["202": inline("The post, queued", publicationSchema), "400": ref("BadRequest"), "413": ref("PayloadTooLarge"),
                        "415": ref("UnsupportedMediaType"), "422": ref("ValidationError"),
                        "404": errorResponse("No connected account of this user has that account_id (NOT_FOUND)"),
                        "409": errorResponse("The account's token no longer works: connect it again (RECONNECT_REQUIRED)")]).withRequestBody(body)],
            "/api/sns/instagram/posts/{post_id}": ["get": operation(
                "instagramPost", "A post's state (queued, publishing, waiting_quota, published, failed), progress, and once published its media id (platform_post_id), permalink and shortcode; Meta's code, subcode and a sentence of what to change when it failed",
                ok: nil, auth: true, parameters: [pathParameter("post_id", "The post's id", integer: true)],
                extra: ["200": inline("The post", publicationSchema), "404": errorResponse("No post of this user has that id (NOT_FOUND)")])],
        ]
    }

    static let publicationSchema: JSONValue = ["type": "object", "properties": [
        "success": ["type": "boolean"], "id": ["type": "integer"], "post_id": ["type": "integer"], "account_id": ["type": "integer"],
        "platform": ["type": "string"], "media_type": ["type": "string"], "content": ["type": "string", "description": "The caption sent to Meta"],
        "media_url": ["type": "string"],
        "status": ["type": "string", "description": "The earlier service's name of state"],
        "state": ["type": "string", "enum": ["queued", "publishing", "waiting_quota", "published", "failed"]],
        "progress": ["type": "string"], "platform_post_id": ["type": ["string", "null"]], "permalink": ["type": ["string", "null"]],
        "shortcode": ["type": ["string", "null"]],
        "error": ["type": ["object", "null"], "properties": ["code": ["type": ["integer", "null"]], "subcode": ["type": ["integer", "null"]],
                                                              "message": ["type": "string"]]],
        "job_id": ["type": ["integer", "null"]], "created_at": ["type": "string", "format": "date-time"],
        "published_at": ["type": ["string", "null"], "format": "date-time"]]]
}
