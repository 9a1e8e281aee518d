/// The kinds of post the world holds; each maps to a `media_type` and `product_type`.
public enum PostKind: String, Sendable, Codable, CaseIterable {
    case photo, video, carousel, reel, igtv

    /// 1 image, 2 video, 8 carousel.
    public var mediaType: Int {
        switch self {
        case .photo: return 1
        case .video, .reel, .igtv: return 2
        case .carousel: return 8
        }
    }

    /// `feed`, `carousel_container`, `clips`, `igtv`.
    public var productType: String {
        switch self {
        case .photo, .video: return "feed"
        case .carousel: return "carousel_container"
        case .reel: return "clips"
        case .igtv: return "igtv"
        }
    }

    /// The Graph `__typename` without prefix (`GraphImage`, `GraphVideo`, `GraphSidecar`).
    public var graphTypename: String {
        switch mediaType {
        case 1: return "GraphImage"
        case 2: return "GraphVideo"
        default: return "GraphSidecar"
        }
    }
}

/// One photo or video: a whole single post, or one slide of a carousel.
public struct MediaItem: Sendable {
    public var pk: UInt64
    /// The still image: the photo, or the video's cover frame.
    public var image: MediaAsset
    /// The video file, nil for photos.
    public var video: MediaAsset?
    public var width: Int
    public var height: Int
    public var duration: Double
    public var hasAudio: Bool
    public var accessibilityCaption: String?

    public var isVideo: Bool { video != nil }
}

/// A post in the world: its identity, owner, media, caption and the counts that people outside the world made.
public struct SandboxPost: Sendable {
    /// A stable name from the fixtures (`photo-gyeongbokgung`), used by tests and the admin API.
    public var key: String
    public var pk: UInt64
    public var shortcode: String
    public var ownerPK: UInt64
    public var kind: PostKind
    public var takenAt: Int
    public var caption: String?
    public var locationPK: UInt64?
    /// One item for photos and videos, 2–10 for carousels.
    public var items: [MediaItem]
    /// Likes and comments counted from outside the world; the world's own likes and comments add to them.
    public var baseLikeCount: Int
    public var baseCommentCount: Int
    public var playCount: Int?
    public var viewCount: Int?
    public var deleted: Bool
    public var likesHidden: Bool
    public var commentsDisabled: Bool
    public var taggedPKs: [UInt64]
    /// Pinned to the top of the owner's grid (`POST /__sandbox/posts/pin`): listed first, whatever its age.
    public var pinned = false

    /// `<pk>_<owner pk>`.
    public var mediaID: String { "\(pk)_\(ownerPK)" }
}
