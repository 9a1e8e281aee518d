import MediaProbe

/// A media container (`POST /{ig-user-id}/media`): what it will publish (an image, a video, a story, a reel, a
/// carousel of child containers), the fetched files, and what became of it.
struct GraphContainer: Sendable {
    /// What a container holds (`media_type`, with `is_carousel_item` for children).
    enum Kind: String, Sendable {
        /// A feed image (no `media_type`), or a carousel child image (`is_carousel_item=true`).
        case image
        /// A carousel child video (`media_type=VIDEO`, `is_carousel_item=true`).
        case video
        case reel
        case storyImage
        case storyVideo
        case carousel
    }

    var id: String
    /// The IG user (username) it belongs to.
    var username: String
    var kind: Kind
    var isCarouselItem = false
    var caption: String?
    /// The stored file under `--files-dir` (`published/<id>.jpg` or `.mp4`); empty for a carousel.
    var fileName: String
    var width: Int
    var height: Int
    /// A video's duration (seconds, from its `mvhd`).
    var duration: Double = 0
    /// A reel's stored cover (`cover_url`), else nil (the world's placeholder cover is shown).
    var coverFile: String?
    /// A carousel's child container ids, in order.
    var children: [String] = []
    /// A video Meta would refuse once processed: the container ends `ERROR` with this subcode.
    var videoProblem: MediaProblem?
    var shareToFeed = true
    /// Graph time it was made; it expires 24 h later and is `IN_PROGRESS` for the processing seconds.
    var createdAt: Double
    /// The IG media id once published (a container is published once only).
    var mediaID: String?

    static let lifetime = 86_400.0

    var isVideo: Bool { kind == .video || kind == .reel || kind == .storyVideo }

    /// `status_code` at Graph time `now`: images take `processing` seconds, videos `videoProcessing`.
    func statusCode(now: Double, processing: Double, videoProcessing: Double) -> String {
        if mediaID != nil { return "PUBLISHED" }
        if now >= createdAt + GraphContainer.lifetime { return "EXPIRED" }
        if now < createdAt + (isVideo ? videoProcessing : processing) { return "IN_PROGRESS" }
        return videoProblem == nil ? "FINISHED" : "ERROR"
    }

    /// The `status` text of a `status_code` (graph-api.md §3.4); an `ERROR` carries the subcode.
    func statusText(_ code: String) -> String {
        switch code {
        case "IN_PROGRESS": return "In Progress: Media is still being processed."
        case "FINISHED": return "Finished: Media has been uploaded and it is ready to be published."
        case "PUBLISHED": return "Published: Media has been published."
        case "ERROR": return "Error: Media upload has failed with error code \(videoProblem?.subcode ?? 2207053)"
        default: return "Expired: Media was not published within 24 hours."
        }
    }
}
