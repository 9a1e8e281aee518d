import Web

extension OpenAPIDocument {
    /// Stories, reels and carousels (issue 14): each answered as `POST /api/sns/instagram/posts` is.
    static var mediaPublishingPaths: [String: JSONValue] {
        [
            "/api/sns/instagram/stories": ["post": mediaOperation(
                "createInstagramStory", "Publish a story (one photo or one video, live 24 hours) on a connected account, now or at scheduled_at", storyBody)],
            "/api/sns/instagram/reels": ["post": mediaOperation(
                "createInstagramReel", "Publish a reel (an MP4 video of 3 s to 15 min, its cover, share_to_feed) on a connected account, now or at scheduled_at", reelBody)],
            "/api/sns/instagram/carousels": ["post": mediaOperation(
                "createInstagramCarousel", "Publish a carousel of 2–10 photos and videos mixed on a connected account, now or at scheduled_at: a container per item, then the carousel's", carouselBody)],
        ]
    }

    static func mediaOperation(_ id: String, _ summary: String, _ body: JSONValue) -> JSONValue {
        let described = summary + " (or with account_ids on several, each its own post and job; with draft: true store a draft, edited by PATCH /posts/{post_id} under this kind's rules and published by POST /posts/{post_id}/publish). Validated before any call to Meta (every bad field named in one 422, fields the media type does not take and bad uploads too), and its media judged from their own bytes where instagate may fetch them (JPEG size and aspect ratio from the SOF marker, MP4 brand, moov position and duration from ftyp/moov/mvhd); then a worker job creates the containers, polls video containers until FINISHED, reads the publishing limit and publishes once. The same Idempotency-Key again answers the first post (or batch)"
        return operation(id, described, ok: nil, auth: true, body: nil, parameters: [idempotencyKeyHeader],
                         extra: ["202": linking(inline("The post (queued, scheduled or a draft); with account_ids the batch: batch_id and its posts",
                                                       ["anyOf": [publicationSchema, batchSchema]]),
                                                [("InstagramPost", "instagramPost", "post_id", "$response.body#/id"),
                                                 ("CancelInstagramPost", "cancelInstagramPost", "post_id", "$response.body#/id")]),
                                 "400": ref("BadRequest"), "413": ref("PayloadTooLarge"), "415": ref("UnsupportedMediaType"),
                                 "422": errorResponse("A field, a media file or the Idempotency-Key header is missing, mistyped or invalid, or a field is not taken by this media type (VALIDATION_ERROR, errors names each), or the Idempotency-Key was used for a different request (IDEMPOTENCY_KEY_REUSED)"),
                                 "404": errorResponse("No connected account of this user has that account_id, or the account_ids named in errors (NOT_FOUND; nothing stored)"),
                                 "409": errorResponse("The account's token no longer works: connect it again (RECONNECT_REQUIRED; with account_ids, errors names each)"),
                                 "503": errorResponse("Every slot for calls upstream is taken while the media are fetched (UPSTREAM_BUSY)")]).withRequestBody(body)
    }

    static let userTagsSchema: JSONValue = ["type": "array", "maxItems": 20, "items": ["type": "object", "required": ["username"], "properties": [
        "username": ["type": "string"], "x": ["type": "number", "minimum": 0, "maximum": 1], "y": ["type": "number", "minimum": 0, "maximum": 1]]]]

    static let accountIDsSchema: JSONValue = ["type": "array", "items": ["type": "integer"], "minItems": 1, "maxItems": 25,
        "description": "Several connected accounts of this API user (this or account_id): one post and one job each; a bad id is named by its index (account_ids[1])"]

    static let draftSchema: JSONValue = ["type": "boolean", "description": "true: stored as a draft (checked as any post, nothing sent to Meta) until POST /posts/{post_id}/publish"]

    static let scheduledAtSchema: JSONValue = ["type": "string", "format": "date-time", "description": "RFC 3339 with its offset, in the future, at most 75 days ahead"]

    static let storyBody: JSONValue = ["type": "object", "properties": [
        "account_id": ["type": "integer", "description": "A connected account of this API user (this or account_ids)"],
        "account_ids": accountIDsSchema, "draft": draftSchema,
        "image_url": ["type": "string", "description": "A public http(s) URL of a JPEG (≤ 8 MiB); or video_url"],
        "video_url": ["type": "string", "description": "A public http(s) URL of an MP4 (3–60 s, ≤ 100 MB); or image_url"],
        "image_upload_id": ["type": "string", "description": "The upload_id of a JPEG uploaded by POST /api/sns/instagram/uploads, instead of image_url (signed for Meta when published)"], "video_upload_id": ["type": "string", "description": "The upload_id of an MP4 uploaded by POST /api/sns/instagram/uploads, instead of video_url (signed for Meta when published)"],
        "text": ["type": "string", "description": "The story's words (sent as the caption)"],
        "user_tags": userTagsSchema, "scheduled_at": scheduledAtSchema]]

    static let reelBody: JSONValue = ["type": "object", "properties": [
        "account_id": ["type": "integer", "description": "A connected account of this API user (this or account_ids)"],
        "account_ids": accountIDsSchema, "draft": draftSchema,
        "video_url": ["type": "string", "description": "A public http(s) URL of an MP4/MOV, moov at the front, 3 s – 15 min, ≤ 300 MB; or video_upload_id"],
        "video_upload_id": ["type": "string", "description": "The upload_id of an MP4 uploaded by POST /api/sns/instagram/uploads, instead of video_url (signed for Meta when published)"],
        "cover_upload_id": ["type": "string", "description": "The upload_id of a JPEG cover, instead of cover_url"],
        "caption": ["type": "string", "description": "At most 2,200 characters and 20 @-mentions"],
        "hashtags": ["type": ["array", "string"], "items": ["type": "string"], "description": "Added to the caption; at most 30 in all"],
        "cover_url": ["type": "string", "description": "A JPEG cover; wins over thumb_offset"],
        "thumbnail_url": ["type": "string", "description": "The earlier service's name of cover_url"],
        "thumb_offset": ["type": "integer", "minimum": 0, "description": "The cover frame, ms from the start (less than the duration)"],
        "share_to_feed": ["type": "boolean", "description": "true (default): Feed and Reels tabs; false: Reels tab only"],
        "location_id": ["type": "string", "description": "A Facebook Page id with a location"],
        "user_tags": userTagsSchema,
        "collaborators": ["type": "array", "maxItems": 3, "items": ["type": "string"]], "scheduled_at": scheduledAtSchema]]

    static let carouselBody: JSONValue = ["type": "object", "required": ["items"], "properties": [
        "account_id": ["type": "integer", "description": "A connected account of this API user (this or account_ids)"],
        "account_ids": accountIDsSchema, "draft": draftSchema,
        "items": ["type": "array", "minItems": 2, "maxItems": 10, "description": "Photos and videos mixed, in order",
                  "items": ["type": "object", "properties": [
                    "image_url": ["type": "string", "description": "A JPEG, ≤ 8 MiB, aspect ratio 4:5 to 1.91:1"],
                    "video_url": ["type": "string", "description": "An MP4, 3–60 s, ≤ 100 MB"],
                    "image_upload_id": ["type": "string", "description": "The upload_id of a JPEG uploaded by POST /api/sns/instagram/uploads, instead of image_url (signed for Meta when published)"], "video_upload_id": ["type": "string", "description": "The upload_id of an MP4 uploaded by POST /api/sns/instagram/uploads, instead of video_url (signed for Meta when published)"],
                    "alt_text": ["type": "string", "maxLength": 1000, "description": "Photos only"],
                    "user_tags": userTagsSchema]]],
        "caption": ["type": "string", "description": "At most 2,200 characters and 20 @-mentions"],
        "hashtags": ["type": ["array", "string"], "items": ["type": "string"], "description": "Added to the caption; at most 30 in all"],
        "location_id": ["type": "string", "description": "A Facebook Page id with a location"],
        "collaborators": ["type": "array", "maxItems": 3, "items": ["type": "string"]], "scheduled_at": scheduledAtSchema]]
}
