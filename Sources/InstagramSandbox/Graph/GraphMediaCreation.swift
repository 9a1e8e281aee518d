import MediaProbe
import Web

/// `POST /{ig-user-id}/media` for every media type (graph-api.md §3.2): a feed or carousel image (no `media_type`),
/// `VIDEO` (a carousel child), `REELS`, `STORIES` and `CAROUSEL` (2–10 children of the same account). The file is
/// fetched and judged from its own bytes as Meta does (`MediaCheck`): an image's defects are refused at once with
/// the Graph error; a video's surface later, as the container's `ERROR` status with the subcode.
enum GraphMediaCreation {
    static func create(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let user = try GraphPublishHandlers.account(&call)
        let type = (call.parameter("media_type") ?? "").uppercased()
        let child = call.parameter("is_carousel_item")?.lowercased() == "true"
        let caption = child ? nil : call.parameter("caption")
        if let caption { try GraphPublishHandlers.check(caption: caption) }
        let id = String(17_890_000_000_000_000 + UInt64.random(in: 0..<9_000_000_000_000))
        var container: GraphContainer
        switch type {
        case "", "IMAGE":
            container = try image(call, id: id, user: user, kind: .image, rules: .feedImage)
        case "VIDEO" where child, "REELS":
            container = try video(call, id: id, user: user, kind: type == "REELS" ? .reel : .video,
                                  rules: type == "REELS" ? .reelVideo : .carouselVideo)
        case "STORIES" where call.parameter("video_url") != nil:
            container = try video(call, id: id, user: user, kind: .storyVideo, rules: .storyVideo)
        case "STORIES":
            container = try image(call, id: id, user: user, kind: .storyImage, rules: .storyImage)
        case "CAROUSEL":
            container = try carousel(call, id: id, user: user)
        default:
            throw GraphError.graph("unknown_media_type", "(#100) The media type \(type) is unknown.", code: 100, subcode: 2207023)
        }
        container.isCarouselItem = child
        container.caption = caption
        container.shareToFeed = call.parameter("share_to_feed")?.lowercased() != "false"
        let made = container
        try call.store.withPublishing { (containers, _) throws(GraphError) in containers[id] = made }
        return GraphResponse.json(.object([("id", .string(id))]))
    }

    /// An image container: `image_url` fetched, refused at once when it breaks `rules`.
    static func image(_ call: GraphCall, id: String, user: SandboxUser, kind: GraphContainer.Kind, rules: MediaKind) throws(GraphError) -> GraphContainer {
        let url = try call.require("image_url")
        let bytes = try fetchImage(url, call: call)
        if let problem = MediaCheck.problems(head: bytes, totalBytes: bytes.count, as: rules).first { throw refusal(problem) }
        let info = JPEGInfo.read(bytes) ?? JPEGInfo(width: 1, height: 1)
        let name = try GraphMediaFetch.store(bytes, id: id, ext: "jpg", call: call)
        return GraphContainer(id: id, username: user.username, kind: kind, fileName: name, width: info.width, height: info.height, createdAt: call.now)
    }

    /// A video container: `video_url` fetched and stored; a video Meta would refuse ends `ERROR` once processed.
    static func video(_ call: GraphCall, id: String, user: SandboxUser, kind: GraphContainer.Kind, rules: MediaKind) throws(GraphError) -> GraphContainer {
        let url = try call.require("video_url")
        let tooLarge = GraphError.graph("video_too_large", "The video file is too large.", code: 352, subcode: 2207026)
        let bytes = try GraphMediaFetch.bytes(url, call: call, maxBytes: rules.maxBytes, tooLarge: tooLarge)
        let info = MP4Info.read(bytes)
        var container = GraphContainer(id: id, username: user.username, kind: kind, fileName: "", width: 720, height: 1280,
                                       duration: info?.duration ?? 0, createdAt: call.now)
        container.videoProblem = MediaCheck.problems(head: bytes, totalBytes: bytes.count, as: rules).first
        if kind == .reel, let offset = call.parameter("thumb_offset") {
            guard let ms = Double(offset), ms >= 0, ms < container.duration * 1000 || container.videoProblem != nil else {
                throw GraphError.graph("thumb_offset", "(#1) The thumb_offset \(offset) is outside the video's duration.", code: 1, subcode: 2207057)
            }
        }
        container.fileName = try GraphMediaFetch.store(bytes, id: id, ext: "mp4", call: call)
        if kind == .reel, let cover = call.parameter("cover_url") {
            let coverBytes = try fetchImage(cover, call: call)
            if let problem = MediaCheck.problems(head: coverBytes, totalBytes: coverBytes.count, as: .cover).first { throw refusal(problem) }
            container.coverFile = try GraphMediaFetch.store(coverBytes, id: id + "-cover", ext: "jpg", call: call)
        }
        return container
    }

    /// A carousel: `children` (2–10 container ids of this account, not carousels themselves, not expired).
    static func carousel(_ call: GraphCall, id: String, user: SandboxUser) throws(GraphError) -> GraphContainer {
        let ids = (call.parameter("children") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard (2...10).contains(ids.count) else {
            throw GraphError.graph("carousel_size", "(#100) The carousel must have between 2 and 10 children; it has \(ids.count).",
                                   code: 100, subcode: 2207028)
        }
        let now = call.now
        let known = try call.store.withPublishing { (containers, _) throws(GraphError) in ids.map { containers[$0] } }
        for (childID, found) in zip(ids, known) {
            guard let found, found.username == user.username, found.isCarouselItem, now < found.createdAt + GraphContainer.lifetime else {
                throw GraphPublishHandlers.missingContainer(childID)
            }
        }
        var container = GraphContainer(id: id, username: user.username, kind: .carousel, fileName: "", width: 0, height: 0, createdAt: now)
        container.children = ids
        return container
    }

    static func fetchImage(_ url: String, call: GraphCall) throws(GraphError) -> [UInt8] {
        let tooLarge = GraphError.graph("image_too_large", "The image size is too large.", code: 36000, subcode: 2207004)
        return try GraphMediaFetch.bytes(url, call: call, maxBytes: MediaKind.feedImage.maxBytes, tooLarge: tooLarge)
    }

    /// Meta's Graph error for an image problem (graph-api.md §3.8).
    static func refusal(_ problem: MediaProblem) -> GraphError {
        switch problem.subcode {
        case 2207009:
            return GraphError.graph("aspect_ratio", "The submitted image \(problem.message). Please submit an image with a valid aspect ratio.",
                                    code: 36003, subcode: 2207009)
        case 2207004: return GraphError.graph("image_too_large", "The image size is too large.", code: 36000, subcode: 2207004)
        default: return GraphError.graph("image_format", "The image format is not supported.", code: 36001, subcode: 2207005)
        }
    }
}
