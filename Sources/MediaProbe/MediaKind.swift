/// Where a media file is to go on Instagram: each place has Meta's own rules (graph-api.md §3.3).
public enum MediaKind: String, Sendable, CaseIterable {
    /// A feed photo or a carousel photo: JPEG, ≤ 8 MiB, aspect ratio 4:5 … 1.91:1.
    case feedImage
    /// A story photo: JPEG, ≤ 8 MiB (9:16 recommended, any ratio taken).
    case storyImage
    /// A reel's cover (`cover_url`): JPEG, ≤ 8 MiB.
    case cover
    /// A reel: MP4/MOV, `moov` before the media data, 3 s – 15 min, ≤ 300 MB; H.264 or HEVC at most 1920 px wide
    /// and 23–60 fps, AAC audio.
    case reelVideo
    /// A story video: as a reel's, but 3 – 60 s and ≤ 100 MB.
    case storyVideo
    /// A carousel video: as a story video's, 3 – 60 s and ≤ 100 MB.
    case carouselVideo

    public var isVideo: Bool {
        switch self {
        case .reelVideo, .storyVideo, .carouselVideo: return true
        case .feedImage, .storyImage, .cover: return false
        }
    }

    /// The largest file Meta takes, in bytes.
    public var maxBytes: Int {
        switch self {
        case .feedImage, .storyImage, .cover: return 8 * 1024 * 1024
        case .reelVideo: return 300 * 1024 * 1024
        case .storyVideo, .carouselVideo: return 100 * 1024 * 1024
        }
    }

    /// The shortest and longest video Meta takes, in seconds.
    public var durationRange: ClosedRange<Double> {
        switch self {
        case .reelVideo: return 3...900
        default: return 3...60
        }
    }

    /// The video codecs Meta takes (H.264 or HEVC, graph-api.md §3.3), as `stsd` sample entries name them.
    public static let videoCodecs: Set<String> = ["avc1", "avc3", "hvc1", "hev1"]
    /// The audio codec Meta takes (AAC).
    public static let audioCodecs: Set<String> = ["mp4a"]
    /// The widest video Meta takes, in pixels (reels, stories and carousel videos alike).
    public static let maxVideoWidth = 1920.0
    /// The highest frame rate Meta takes (graph-api.md §3.3: 23–60 fps).
    public static let maxFrameRate = 60.0
    /// The lowest frame rate Meta takes. (The sandbox world's videos, made by `make-media.sh` through
    /// `deploy/world-videos`, play at 30 fps.)
    public static let minFrameRate = 23.0

    /// How many bytes of a file's head `MediaCheck` needs at most (a JPEG's SOF, an MP4's `ftyp` and `moov`).
    public static let headBytes = 512 * 1024
}
