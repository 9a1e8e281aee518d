import Web

/// A story to publish (`POST /api/sns/instagram/stories`, the earlier service's `account_id`, `image_url` or
/// `video_url`, `text`): one photo or one video, live for 24 hours. Meta takes `user_tags` on stories (no
/// position needed) but no caption field of its own (`text` is sent as the caption), alt text, location,
/// collaborators or reel options: each of those is named in the 422. `account_ids` and `draft` as on a feed photo (`PostBatch`).
enum StoryRequest {
    struct Body: StrictDecodable {
        static let allowedFields: Set<String> = ["account_id", "account_ids", "draft", "image_url", "video_url", "text", "user_tags", "scheduled_at",
                                                 "caption", "hashtags", "alt_text", "location_id", "collaborators", "share_to_feed",
                                                 "cover_url", "thumbnail_url", "thumb_offset", "items"]
        var accountID: Int64?
        var accountIDs: PostBatch.AccountIDList?
        var draft: Bool?
        var imageURL: String?
        var videoURL: String?
        var text: String?
        var userTags: [PublishedMedia.UserTag]?
        var scheduledAt: String?
        var caption, hashtags, altText, locationID, collaborators, shareToFeed, coverURL, thumbnailURL, thumbOffset, items: AnyField?

        enum CodingKeys: String, CodingKey {
            case text, caption, hashtags, collaborators, items
            case draft
            case accountID = "account_id", accountIDs = "account_ids", imageURL = "image_url", videoURL = "video_url", userTags = "user_tags",
                 scheduledAt = "scheduled_at", altText = "alt_text", locationID = "location_id", shareToFeed = "share_to_feed",
                 coverURL = "cover_url", thumbnailURL = "thumbnail_url", thumbOffset = "thumb_offset"
        }
    }

    /// The post, or 422 naming every bad field; `inspect` judges the media whose URLs are well formed (its
    /// problems, by field, join the others in the same 422).
    static func parse(_ request: HTTPRequest, inspect: (PublishedMedia) throws -> [String: String] = { _ in [:] }) throws -> PostRequest {
        try request.decodeJSON(Body.self) { body in try validate(body, inspect: inspect) }
    }

    static func validate(_ body: Body, inspect: (PublishedMedia) throws -> [String: String]) throws -> PostRequest {
        var errors: [String: String] = [:]
        let accountIDs = PostBatch.accountIDs(single: body.accountID, list: body.accountIDs, errors: &errors)
        var media = PublishedMedia(type: "STORIES")
        if body.imageURL != nil && body.videoURL != nil {
            errors["video_url"] = "a story is one photo or one video: give image_url or video_url, not both"
        } else if body.videoURL != nil {
            media.videoURL = MediaFields.url(body.videoURL, field: "video_url", what: "an MP4 video", required: true, errors: &errors)
        } else {
            media.imageURL = MediaFields.url(body.imageURL, field: "image_url", what: "a JPEG (or give video_url)", required: true, errors: &errors)
        }
        let text = CaptionRules.apply(caption: body.text, hashtags: nil, field: "text", errors: &errors)
        media.userTags = MediaFields.userTags(body.userTags, field: "user_tags", needsPosition: false, errors: &errors)
        let refused: [(Bool, String, String)] = [
            (body.caption != nil, "caption", "feed photos, reels and carousels: a story's words go in text"),
            (body.hashtags != nil, "hashtags", "feed photos, reels and carousels: put them in text"),
            (body.altText != nil, "alt_text", "feed and carousel photos"), (body.locationID != nil, "location_id", "feed photos, reels and carousels"),
            (body.collaborators != nil, "collaborators", "feed photos, reels and carousels"), (body.shareToFeed != nil, "share_to_feed", "reels"),
            (body.coverURL != nil, "cover_url", "reels"), (body.thumbnailURL != nil, "thumbnail_url", "reels"),
            (body.thumbOffset != nil, "thumb_offset", "reels"), (body.items != nil, "items", "carousels")]
        for (present, field, allowedOn) in refused {
            MediaFields.notAllowed(present, field: field, on: "stories", allowedOn: allowedOn, errors: &errors)
        }
        let scheduledAt = CaptionRules.schedule(body.scheduledAt, errors: &errors)
        errors.merge(try inspect(media)) { first, _ in first }
        guard errors.isEmpty, let accountID = accountIDs.first else { throw APIError.validation(errors) }
        return PostRequest(accountID: accountID, accountIDs: accountIDs, isBatch: body.accountIDs != nil, isDraft: body.draft == true,
                           imageURL: media.imageURL ?? media.videoURL ?? "", caption: text.caption, hashtags: [],
                           scheduledAt: scheduledAt, media: media)
    }
}
