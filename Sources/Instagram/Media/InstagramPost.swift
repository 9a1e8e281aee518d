import Foundation

/// A post as instagate keeps it: every item in order with its best rendition, and the metadata the
/// download JSON carries. Counts are nil where Instagram hides them, never 0 by guess.
public struct InstagramPost: Sendable, Equatable, Codable {
    public enum PostType: String, Sendable, Codable {
        case photo
        case video
        case carousel
    }

    public var shortcode: String
    /// `"<pk>_<owner pk>"` when known, else the pk.
    public var mediaID: String
    public var pk: String
    public var type: PostType
    /// `feed`, `carousel_container`, `clips` (reel), `igtv`.
    public var productType: String?
    public var url: String
    public var caption: String?
    public var hashtags: [String]
    public var mentions: [String]
    public var likeCount: Int64?
    public var commentCount: Int64?
    public var viewCount: Int64?
    public var playCount: Int64?
    public var author: Author
    /// Upload time, UTC.
    public var takenAt: Date
    public var location: Location?
    public var accessibilityCaption: String?
    public var width: Int?
    public var height: Int?
    /// Seconds, for videos.
    public var duration: Double?
    public var items: [MediaItem]

    /// The reel flag: `clips` product type.
    public var isReel: Bool { productType == "clips" }

    enum CodingKeys: String, CodingKey {
        case shortcode, pk, type, url, caption, hashtags, mentions, author, location, width, height, duration, items
        case mediaID = "media_id"
        case productType = "product_type"
        case likeCount = "like_count"
        case commentCount = "comment_count"
        case viewCount = "view_count"
        case playCount = "play_count"
        case takenAt = "taken_at"
        case accessibilityCaption = "accessibility_caption"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shortcode, forKey: .shortcode)
        try container.encode(mediaID, forKey: .mediaID)
        try container.encode(pk, forKey: .pk)
        try container.encode(type, forKey: .type)
        try container.encode(productType, forKey: .productType)
        try container.encode(url, forKey: .url)
        try container.encode(caption, forKey: .caption)
        try container.encode(hashtags, forKey: .hashtags)
        try container.encode(mentions, forKey: .mentions)
        try container.encode(likeCount, forKey: .likeCount)
        try container.encode(commentCount, forKey: .commentCount)
        try container.encode(viewCount, forKey: .viewCount)
        try container.encode(playCount, forKey: .playCount)
        try container.encode(author, forKey: .author)
        try container.encode(takenAt, forKey: .takenAt)
        try container.encode(location, forKey: .location)
        try container.encode(accessibilityCaption, forKey: .accessibilityCaption)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(duration, forKey: .duration)
        try container.encode(items, forKey: .items)
    }

    /// The post's owner.
    public struct Author: Sendable, Equatable, Codable {
        public var id: String
        public var username: String
        public var fullName: String?
        public var isVerified: Bool?
        public var isPrivate: Bool?

        public init(id: String, username: String, fullName: String? = nil, isVerified: Bool? = nil, isPrivate: Bool? = nil) {
            self.id = id
            self.username = username
            self.fullName = fullName
            self.isVerified = isVerified
            self.isPrivate = isPrivate
        }

        enum CodingKeys: String, CodingKey {
            case id, username
            case fullName = "full_name"
            case isVerified = "is_verified"
            case isPrivate = "is_private"
        }
    }

    /// Where the post was tagged.
    public struct Location: Sendable, Equatable, Codable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }
}
