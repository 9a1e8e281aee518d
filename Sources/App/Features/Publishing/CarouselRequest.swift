import Web

/// A carousel to publish (`POST /api/sns/instagram/carousels`): 2–10 `items`, photos and videos mixed, each
/// `{"image_url"}` or `{"video_url"}` (a photo may carry its own `alt_text` and `user_tags` with x and y), with
/// the post's `caption`, `hashtags`, `location_id` and up to 3 `collaborators`. Every bad item is named by its
/// place (`items[3].video_url`); reel options and a top-level photo or video are named as not taken. `account_ids` and
/// `draft` as on a feed photo (`PostBatch`).
enum CarouselRequest {
    static let itemRange = 2...10

    struct Body: StrictDecodable {
        static let allowedFields: Set<String> = ["account_id", "account_ids", "draft", "items", "caption", "hashtags", "location_id", "collaborators", "scheduled_at",
                                                 "image_url", "video_url", "alt_text", "user_tags", "text", "share_to_feed", "cover_url",
                                                 "thumbnail_url", "thumb_offset"]
        var accountID: Int64?
        var accountIDs: PostBatch.AccountIDList?
        var draft: Bool?
        var items: [ItemBody]?
        var caption: String?
        var hashtags: PostRequest.HashtagList?
        var locationID: String?
        var collaborators: [String]?
        var scheduledAt: String?
        var imageURL, videoURL, altText, userTags, text, shareToFeed, coverURL, thumbnailURL, thumbOffset: AnyField?

        enum CodingKeys: String, CodingKey {
            case items, caption, hashtags, collaborators, text
            case draft
            case accountID = "account_id", accountIDs = "account_ids", locationID = "location_id", scheduledAt = "scheduled_at", imageURL = "image_url",
                 videoURL = "video_url", altText = "alt_text", userTags = "user_tags", shareToFeed = "share_to_feed",
                 coverURL = "cover_url", thumbnailURL = "thumbnail_url", thumbOffset = "thumb_offset"
        }
    }

    struct ItemBody: Decodable {
        var imageURL: String?
        var videoURL: String?
        var altText: String?
        var userTags: [PublishedMedia.UserTag]?

        enum CodingKeys: String, CodingKey {
            case imageURL = "image_url", videoURL = "video_url", altText = "alt_text", userTags = "user_tags"
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
        var media = PublishedMedia(type: "CAROUSEL")
        let items = body.items ?? []
        if !itemRange.contains(items.count) {
            errors["items"] = "a carousel has 2 to 10 items, photos ({\"image_url\"}) and videos ({\"video_url\"}) mixed (there are \(items.count))"
        }
        media.items = items.prefix(itemRange.upperBound).enumerated().map { index, item in self.item(item, at: index, errors: &errors) }
        media.locationID = MediaFields.locationID(body.locationID, errors: &errors)
        media.collaborators = MediaFields.collaborators(body.collaborators, errors: &errors)
        let caption = CaptionRules.apply(caption: body.caption, hashtags: body.hashtags?.tags, field: "caption", errors: &errors)
        let refused: [(Bool, String, String)] = [
            (body.imageURL != nil, "image_url", "feed photos and stories: a carousel's photos are its items"),
            (body.videoURL != nil, "video_url", "reels and stories: a carousel's videos are its items"),
            (body.altText != nil, "alt_text", "each photo item: give it inside items"), (body.userTags != nil, "user_tags", "each photo item: give them inside items"),
            (body.text != nil, "text", "stories: a carousel's words go in caption"), (body.shareToFeed != nil, "share_to_feed", "reels"),
            (body.coverURL != nil, "cover_url", "reels"), (body.thumbnailURL != nil, "thumbnail_url", "reels"), (body.thumbOffset != nil, "thumb_offset", "reels")]
        for (present, field, allowedOn) in refused {
            MediaFields.notAllowed(present, field: field, on: "carousels", allowedOn: allowedOn, errors: &errors)
        }
        let scheduledAt = CaptionRules.schedule(body.scheduledAt, errors: &errors)
        errors.merge(try inspect(media)) { first, _ in first }
        guard errors.isEmpty, let accountID = accountIDs.first else { throw APIError.validation(errors) }
        let first = media.items?.first
        return PostRequest(accountID: accountID, accountIDs: accountIDs, isBatch: body.accountIDs != nil, isDraft: body.draft == true,
                           imageURL: first?.imageURL ?? first?.videoURL ?? "", caption: caption.caption,
                           hashtags: caption.hashtags, scheduledAt: scheduledAt, media: media)
    }

    /// One item, its problems named `items[N].field`.
    static func item(_ body: ItemBody, at index: Int, errors: inout [String: String]) -> PublishedMedia.Item {
        let prefix = "items[\(index)]."
        var item = PublishedMedia.Item()
        if body.imageURL != nil && body.videoURL != nil {
            errors[prefix + "video_url"] = "an item is one photo or one video: give image_url or video_url, not both"
        } else if body.videoURL != nil {
            item.videoURL = MediaFields.url(body.videoURL, field: prefix + "video_url", what: "an MP4 video", required: true, errors: &errors)
            MediaFields.notAllowed(body.altText != nil, field: prefix + "alt_text", on: "videos", allowedOn: "photos", errors: &errors)
            item.userTags = MediaFields.userTags(body.userTags, field: prefix + "user_tags", needsPosition: false, errors: &errors)
        } else {
            item.imageURL = MediaFields.url(body.imageURL, field: prefix + "image_url", what: "a JPEG (or give video_url)", required: true, errors: &errors)
            item.altText = MediaFields.altText(body.altText, field: prefix + "alt_text", errors: &errors)
            item.userTags = MediaFields.userTags(body.userTags, field: prefix + "user_tags", needsPosition: true, errors: &errors)
        }
        return item
    }
}
