import Web

/// A reel to publish (`POST /api/sns/instagram/reels`, the earlier service's `account_id`, `video_url`, `caption`,
/// `thumbnail_url`): the video, its cover (`cover_url`, or `thumbnail_url` under the earlier name; it wins over
/// `thumb_offset`, the cover frame in ms), `share_to_feed` (default true: Feed and Reels tabs), `location_id`,
/// `user_tags` and up to 3 `collaborators`. Alt text, a photo or items are named as not taken on reels. `account_ids` and
/// `draft` as on a feed photo (`PostBatch`).
enum ReelRequest {
    struct Body: StrictDecodable {
        static let allowedFields: Set<String> = ["account_id", "account_ids", "draft", "video_url", "caption", "hashtags", "thumbnail_url", "cover_url", "thumb_offset",
                                                 "share_to_feed", "location_id", "user_tags", "collaborators", "scheduled_at",
                                                 "image_url", "alt_text", "text", "items"]
        var accountID: Int64?
        var accountIDs: PostBatch.AccountIDList?
        var draft: Bool?
        var videoURL: String?
        var caption: String?
        var hashtags: PostRequest.HashtagList?
        var thumbnailURL: String?
        var coverURL: String?
        var thumbOffset: Int?
        var shareToFeed: Bool?
        var locationID: String?
        var userTags: [PublishedMedia.UserTag]?
        var collaborators: [String]?
        var scheduledAt: String?
        var imageURL, altText, text, items: AnyField?

        enum CodingKeys: String, CodingKey {
            case caption, hashtags, collaborators, text, items
            case draft
            case accountID = "account_id", accountIDs = "account_ids", videoURL = "video_url", thumbnailURL = "thumbnail_url", coverURL = "cover_url",
                 thumbOffset = "thumb_offset", shareToFeed = "share_to_feed", locationID = "location_id", userTags = "user_tags",
                 scheduledAt = "scheduled_at", imageURL = "image_url", altText = "alt_text"
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
        var media = PublishedMedia(type: "REELS")
        media.videoURL = MediaFields.url(body.videoURL, field: "video_url", what: "an MP4 video", required: true, errors: &errors)
        if let cover = body.coverURL, let thumbnail = body.thumbnailURL, cover != thumbnail {
            errors["thumbnail_url"] = "thumbnail_url is the earlier name of cover_url: give one of them"
        } else {
            let field = body.coverURL != nil ? "cover_url" : "thumbnail_url"
            media.coverURL = MediaFields.url(body.coverURL ?? body.thumbnailURL, field: field, what: "a JPEG cover", required: false, errors: &errors)
        }
        if let offset = body.thumbOffset {
            if offset < 0 { errors["thumb_offset"] = "must be 0 or more milliseconds from the start of the video" } else { media.thumbOffset = offset }
        }
        media.shareToFeed = body.shareToFeed
        media.locationID = MediaFields.locationID(body.locationID, errors: &errors)
        media.userTags = MediaFields.userTags(body.userTags, field: "user_tags", needsPosition: false, errors: &errors)
        media.collaborators = MediaFields.collaborators(body.collaborators, errors: &errors)
        let caption = CaptionRules.apply(caption: body.caption, hashtags: body.hashtags?.tags, field: "caption", errors: &errors)
        let refused: [(Bool, String, String)] = [
            (body.imageURL != nil, "image_url", "feed photos, stories and carousel items: a reel is a video_url"),
            (body.altText != nil, "alt_text", "feed and carousel photos"), (body.text != nil, "text", "stories: a reel's words go in caption"),
            (body.items != nil, "items", "carousels")]
        for (present, field, allowedOn) in refused {
            MediaFields.notAllowed(present, field: field, on: "reels", allowedOn: allowedOn, errors: &errors)
        }
        let scheduledAt = CaptionRules.schedule(body.scheduledAt, errors: &errors)
        errors.merge(try inspect(media)) { first, _ in first }
        guard errors.isEmpty, let accountID = accountIDs.first else { throw APIError.validation(errors) }
        return PostRequest(accountID: accountID, accountIDs: accountIDs, isBatch: body.accountIDs != nil, isDraft: body.draft == true,
                           imageURL: media.videoURL ?? "", caption: caption.caption, hashtags: caption.hashtags,
                           scheduledAt: scheduledAt, media: media)
    }
}
