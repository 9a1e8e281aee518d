import Web

extension OpenAPIDocument {
    /// Paths of publishing to connected accounts (issue 14).
    static var publishingPaths: [String: JSONValue] {
        let postID = pathParameter("post_id", "The post's id", integer: true)
        let notFound = errorResponse("No post of this user has that id (NOT_FOUND)")
        return mediaPublishingPaths.merging(draftPaths) { first, _ in first }.merging([
            "/api/sns/instagram/posts": [
                "post": operation(
                    "createInstagramPost", "Publish a feed photo on a connected account (or with account_ids on several, each its own post and job; with draft: true store a draft, published later), now or at scheduled_at: validated before any call to Meta (every bad field named), then a worker job creates the container, waits for FINISHED, reads the publishing limit and publishes once (never twice: after a lost answer the container's status decides). The same Idempotency-Key again answers the first post (Idempotent-Replayed: true) and publishes nothing",
                    ok: nil, auth: true, body: nil, parameters: [idempotencyKeyHeader],
                    extra: ["202": linking(inline("The post (queued, scheduled or a draft); with account_ids the batch: batch_id and its posts",
                                                  ["anyOf": [publicationSchema, batchSchema]]),
                                           [("InstagramPost", "instagramPost", "post_id", "$response.body#/id"),
                                            ("MoveInstagramPost", "moveInstagramPost", "post_id", "$response.body#/id"),
                                            ("CancelInstagramPost", "cancelInstagramPost", "post_id", "$response.body#/id")]),
                            "400": ref("BadRequest"), "413": ref("PayloadTooLarge"),
                            "415": ref("UnsupportedMediaType"),
                            "422": errorResponse("A field or the Idempotency-Key header is missing, mistyped or invalid, or the image breaks Meta's rules read from its own bytes (not a JPEG, over 8 MiB, aspect ratio outside 4:5–1.91:1) (VALIDATION_ERROR, errors names each), or the Idempotency-Key was used for a different request (IDEMPOTENCY_KEY_REUSED)"),
                            "404": errorResponse("No connected account of this user has that account_id, or the account_ids named in errors (NOT_FOUND; nothing stored)"),
                            "409": errorResponse("The account's token no longer works: connect it again (RECONNECT_REQUIRED; with account_ids, errors names each)"),
                            "503": errorResponse("Every slot for calls upstream is taken while the image is fetched (UPSTREAM_BUSY)")]).withRequestBody(postBody),
                "get": operation(
                    "instagramPosts", "This user's posts, newest first, a page at a time; filtered by account and state",
                    ok: nil, auth: true,
                    parameters: [queryParameter("account_id", "A connected account of this user"),
                                 stringQuery("state", "draft, scheduled, queued, waiting_quota, publishing, published, failed or cancelled"),
                                 queryParameter("limit", "Page size 1–100 (default 25)"), stringQuery("cursor", "next_cursor of the previous page")],
                    extra: ["200": inline("A page of posts", listSchema), "422": ref("ValidationError"),
                            "404": errorResponse("No connected account of this user has that account_id (NOT_FOUND)")]),
            ],
            "/api/sns/instagram/posts/{post_id}": [
                "get": operation(
                    "instagramPost", "A post's state (scheduled, queued, publishing, waiting_quota, published, failed, cancelled), progress, and once published its media id (platform_post_id), permalink and shortcode; Meta's code, subcode and a sentence of what to change when it failed",
                    ok: nil, auth: true, parameters: [postID], extra: ["200": inline("The post", publicationSchema), "404": notFound]),
                "patch": operation(
                    "moveInstagramPost", "Move a scheduled post to another time (checked as when it was scheduled; its job is replaced), or edit a draft (a feed photo's image_url or image_upload_id, caption, hashtags, scheduled_at; a story's, reel's or carousel's fields of its kind, uploads included: each replaces the draft's, null takes one away, the whole checked as a new post of its kind, every bad field named in one 422)",
                    ok: nil, auth: true, body: nil, parameters: [postID],
                    extra: ["200": inline("The post, scheduled at the new time, or the edited draft", publicationSchema), "400": ref("BadRequest"),
                            "413": ref("PayloadTooLarge"), "415": ref("UnsupportedMediaType"), "422": ref("ValidationError"), "404": notFound,
                            "409": errorResponse("The post is neither scheduled nor a draft (POST_NOT_SCHEDULED)"),
                            "503": errorResponse("Every slot for calls upstream is taken while a draft's media are fetched (UPSTREAM_BUSY)")]).withRequestBody(moveBody),
                "delete": operation(
                    "cancelInstagramPost", "Cancel a draft or scheduled post (nothing is sent to Meta; the row stays, cancelled)",
                    ok: nil, auth: true, parameters: [postID],
                    extra: ["200": inline("The post, cancelled", publicationSchema), "404": notFound,
                            "409": errorResponse("The post is neither a draft nor scheduled (POST_NOT_CANCELLABLE)")]),
            ],
            "/api/sns/instagram/posts/{post_id}/retry": ["post": operation(
                "retryInstagramPost", "Queue a failed post again with a new job (Meta's error cleared; a container whose publish was asked for is asked about first, never published twice)",
                ok: nil, auth: true, parameters: [postID],
                extra: ["202": inline("The post, queued", publicationSchema), "200": nil, "404": notFound,
                        "422": errorResponse("An upload the post names was removed since (VALIDATION_ERROR, errors names its …_upload_id): upload it again and post again"),
                        "409": errorResponse("The post has not failed (POST_NOT_FAILED), or its account must be connected again (RECONNECT_REQUIRED)")])],
            "/api/sns/instagram/calendar": ["get": operation(
                "instagramCalendar", "This user's scheduled and published posts by UTC day (a post's day is its published_at, else its scheduled_at; failed and cancelled posts are left out)",
                ok: nil, auth: true,
                parameters: [stringQuery("from", "A day (2026-12-24) or an RFC 3339 time; default today (UTC)"),
                             stringQuery("to", "Excluded; a day or an RFC 3339 time, at most 93 days after from; default from + 31 days"),
                             queryParameter("account_id", "A connected account of this user")],
                extra: ["200": inline("The days with posts", calendarSchema), "422": ref("ValidationError"),
                        "404": errorResponse("No connected account of this user has that account_id (NOT_FOUND)")])],
        ]) { first, _ in first }
    }

    static let calendarSchema: JSONValue = ["type": "object", "properties": [
        "success": ["type": "boolean"], "from": ["type": "string", "format": "date-time"], "to": ["type": "string", "format": "date-time"],
        "count": ["type": "integer"],
        "days": ["type": "array", "items": ["type": "object", "properties": [
            "date": ["type": "string", "format": "date"], "posts": ["type": "array", "items": publicationSchema]]]]]]

    static let idempotencyKeyHeader: JSONValue = [
        "name": "Idempotency-Key", "in": "header", "required": false, "schema": ["type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]{1,255}$"],
        "description": "1–255 visible ASCII characters, unique per API user: the same key again answers the first post and never publishes twice"]

    static let postBody: JSONValue = ["type": "object", "additionalProperties": false, "properties": [
        "account_id": ["type": "integer", "description": "A connected account of this API user (this or account_ids)"],
        "account_ids": accountIDsSchema, "draft": draftSchema,
        "image_url": ["type": "string", "description": "A public http(s) URL of a JPEG (Meta fetches it); or image_upload_id"],
        "image_upload_id": ["type": "string", "description": "The upload_id of a JPEG uploaded by POST /api/sns/instagram/uploads, instead of image_url (signed for Meta when published)"],
        "caption": ["type": "string", "description": "At most 2,200 characters and 20 @-mentions, hashtags included"],
        "hashtags": ["type": ["array", "string"], "items": ["type": "string"], "description": "Added to the caption; at most 30 hashtags in all"],
        "scheduled_at": ["type": "string", "format": "date-time", "description": "RFC 3339 with its offset, in the future, at most 75 days ahead: published within a minute of it"],
        "alt_text": ["type": "string", "maxLength": 1000, "description": "The photo's alt text"],
        "location_id": ["type": "string", "description": "A Facebook Page id with a location"],
        "user_tags": userTagsSchema,
        "collaborators": ["type": "array", "maxItems": 3, "items": ["type": "string"], "description": "Up to 3 usernames invited as collaborators"]]]

    static let moveBody: JSONValue = ["type": "object", "additionalProperties": false, "properties": [
        "scheduled_at": ["type": ["string", "null"], "format": "date-time",
                         "description": "RFC 3339 with its offset, in the future, at most 75 days ahead (required to move a scheduled post; null clears a draft's planned time)"],
        "image_url": ["type": "string", "description": "A draft's new image (drafts only)"],
        "caption": ["type": "string", "description": "A draft's new caption (drafts only)"],
        "hashtags": ["type": ["array", "string"], "items": ["type": "string"], "description": "Hashtags added to a draft's caption (drafts only)"],
        "text": ["type": ["string", "null"], "description": "A story draft's new words"],
        "video_url": ["type": ["string", "null"], "description": "A story's or reel's draft: its new video"],
        "image_upload_id": ["type": ["string", "null"], "description": "A feed photo's or story's draft: its new photo, uploaded (null takes a story's away; a feed photo needs its image)"],
        "video_upload_id": ["type": "string", "description": "A story's or reel's draft: its new video, uploaded"],
        "cover_upload_id": ["type": "string", "description": "A reel draft's new cover, uploaded"],
        "cover_url": ["type": ["string", "null"], "description": "A reel draft's new cover (null: none)"],
        "thumbnail_url": ["type": ["string", "null"], "description": "The earlier service's name of cover_url"],
        "thumb_offset": ["type": ["integer", "null"], "minimum": 0, "description": "A reel draft's cover frame, ms from the start"],
        "share_to_feed": ["type": ["boolean", "null"], "description": "A reel draft's share_to_feed"],
        "location_id": ["type": ["string", "null"], "description": "A reel's or carousel's draft: its location"],
        "user_tags": userTagsSchema, "collaborators": ["type": "array", "maxItems": 3, "items": ["type": "string"]],
        "items": ["type": "array", "minItems": 2, "maxItems": 10, "items": ["type": "object"], "description": "A carousel draft's new items (all of them, as on POST /carousels)"]]]

    static let listSchema: JSONValue = ["type": "object", "properties": [
        "success": ["type": "boolean"], "posts": ["type": "array", "items": publicationSchema], "count": ["type": "integer"],
        "next_cursor": ["type": ["string", "null"]], "has_more": ["type": "boolean"]]]

    static let publicationSchema: JSONValue = ["type": "object", "properties": [
        "success": ["type": "boolean"], "id": ["type": "integer"], "post_id": ["type": "integer"], "account_id": ["type": "integer"],
        "platform": ["type": "string"], "media_type": ["type": "string"], "content": ["type": "string", "description": "The caption sent to Meta"],
        "media_url": ["type": "string"],
        "status": ["type": "string", "description": "The earlier service's name of state"],
        "state": ["type": "string", "enum": ["draft", "scheduled", "queued", "publishing", "waiting_quota", "published", "failed", "cancelled"]],
        "progress": ["type": "string"], "platform_post_id": ["type": ["string", "null"]], "permalink": ["type": ["string", "null"]],
        "shortcode": ["type": ["string", "null"]],
        "error": ["type": ["object", "null"], "properties": ["code": ["type": ["integer", "null"]], "subcode": ["type": ["integer", "null"]],
                                                              "message": ["type": "string"]]],
        "job_id": ["type": ["integer", "null"]], "created_at": ["type": "string", "format": "date-time"],
        "scheduled_at": ["type": ["string", "null"], "format": "date-time"],
        "published_at": ["type": ["string", "null"], "format": "date-time"],
        "media": ["type": "object", "description": "A story's, reel's or carousel's media and options (type STORIES, REELS or CAROUSEL); absent for a feed photo"]]]
}
