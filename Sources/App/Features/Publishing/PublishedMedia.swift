import Foundation

/// What a story, reel or carousel publishes (`instagram_publications.media`): the files and the options Meta
/// takes for that media type (graph-api.md §3.2). A feed photo has none unless it has options (`FeedPhotoOptions`).
struct PublishedMedia: Codable, Equatable, Sendable {
    /// Meta's `media_type`: `STORIES`, `REELS` or `CAROUSEL`; `IMAGE` for a feed photo with options.
    var type: String
    var imageURL: String?
    /// A feed photo's alt text (a carousel's photos carry theirs in `items`).
    var altText: String?
    var videoURL: String?
    /// A reel's cover JPEG (`cover_url`, or the earlier service's `thumbnail_url`).
    var coverURL: String?
    /// A reel's cover frame, in milliseconds from the start.
    var thumbOffset: Int?
    var shareToFeed: Bool?
    var locationID: String?
    var userTags: [UserTag]?
    var collaborators: [String]?
    /// A carousel's items, in order.
    var items: [Item]?

    /// One carousel item: a photo (with its own alt text and tags) or a video.
    struct Item: Codable, Equatable, Sendable {
        var imageURL: String?
        var videoURL: String?
        var altText: String?
        var userTags: [UserTag]?

        enum CodingKeys: String, CodingKey {
            case imageURL = "image_url", videoURL = "video_url", altText = "alt_text", userTags = "user_tags"
        }
    }

    /// A tagged account: its username, and where on an image (0.0–1.0 from the top left; stories and videos have none).
    struct UserTag: Codable, Equatable, Sendable {
        var username: String
        var x: Double?
        var y: Double?
    }

    enum CodingKeys: String, CodingKey {
        case type, items, collaborators
        case altText = "alt_text"
        case imageURL = "image_url", videoURL = "video_url", coverURL = "cover_url", thumbOffset = "thumb_offset"
        case shareToFeed = "share_to_feed", locationID = "location_id", userTags = "user_tags"
    }

    /// The JSON stored in the row (keys sorted: the same media is the same text, for the request's fingerprint).
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func decode(_ text: String?) -> PublishedMedia? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(PublishedMedia.self, from: Data(text.utf8))
    }
}
