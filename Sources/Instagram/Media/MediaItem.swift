/// One photo or video of a post (a carousel has several), with the URLs of its best rendition.
public struct MediaItem: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case photo
        case video
    }

    /// 1-based position in the post.
    public var index: Int
    public var kind: Kind
    public var pk: String?
    /// The best image: the photo itself, or a video's thumbnail.
    public var imageURL: String
    /// The best video rendition, for videos.
    public var videoURL: String?
    public var width: Int?
    public var height: Int?
    public var duration: Double?
    public var accessibilityCaption: String?

    public init(index: Int, kind: Kind, pk: String? = nil, imageURL: String, videoURL: String? = nil,
                width: Int? = nil, height: Int? = nil, duration: Double? = nil, accessibilityCaption: String? = nil) {
        self.index = index
        self.kind = kind
        self.pk = pk
        self.imageURL = imageURL
        self.videoURL = videoURL
        self.width = width
        self.height = height
        self.duration = duration
        self.accessibilityCaption = accessibilityCaption
    }

    enum CodingKeys: String, CodingKey {
        case index, kind, pk, width, height, duration
        case imageURL = "image_url"
        case videoURL = "video_url"
        case accessibilityCaption = "accessibility_caption"
    }
}
