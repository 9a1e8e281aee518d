import HTTPClient
import MediaProbe
import Web

/// The media of a feed photo, story, reel or carousel judged from their own bytes before anything is sent to Meta, wherever
/// instagate may fetch them (the file hosts of `InstagramClients`: Instagram's CDN, the sandbox's): the head of
/// each file (`MediaKind.headBytes`, a Range request, in a bulkhead slot within the upstream deadline) and its
/// size tell its format, dimensions, duration and size (`MediaCheck`). Files elsewhere are checked by Meta
/// when it fetches them (its code then comes back on the post).
enum MediaInspection {
    /// One file to judge: the request field that named it, its URL and what it must be.
    struct Target: Equatable {
        var field: String
        var url: String
        var kind: MediaKind
    }

    /// The files of `media`, with the fields that named them.
    static func targets(_ media: PublishedMedia) -> [Target] {
        var targets: [Target] = []
        switch media.type {
        case "IMAGE":
            if let url = media.imageURL { targets.append(Target(field: "image_url", url: url, kind: .feedImage)) }
        case "STORIES":
            if let url = media.imageURL { targets.append(Target(field: "image_url", url: url, kind: .storyImage)) }
            if let url = media.videoURL { targets.append(Target(field: "video_url", url: url, kind: .storyVideo)) }
        case "REELS":
            if let url = media.videoURL { targets.append(Target(field: "video_url", url: url, kind: .reelVideo)) }
            if let url = media.coverURL { targets.append(Target(field: "cover_url", url: url, kind: .cover)) }
        default:
            for (index, item) in (media.items ?? []).enumerated() {
                if let url = item.imageURL { targets.append(Target(field: "items[\(index)].image_url", url: url, kind: .feedImage)) }
                if let url = item.videoURL { targets.append(Target(field: "items[\(index)].video_url", url: url, kind: .carouselVideo)) }
            }
        }
        return targets
    }

    /// Every file that breaks Meta's rules or cannot be fetched, by field (and a `thumb_offset` past the reel's
    /// end); empty when all the files we may fetch are fine.
    static func problems(_ media: PublishedMedia, context: UserContext) throws -> [String: String] {
        var errors: [String: String] = [:]
        let hosts = context.thread.services.instagram.fileHosts
        for target in targets(media) where hosts.allows(target.url) {
            let file: (head: [UInt8], total: Int)
            switch try head(target.url, context: context) {
            case .file(let bytes, let total): file = (bytes, total)
            case .unreachable:
                errors[target.field] = "could not be fetched: make it public and reachable (Meta fetches it by URL)"
                continue
            case .unchecked: continue
            }
            let problems = MediaCheck.problems(head: file.head, totalBytes: file.total, as: target.kind)
            if !problems.isEmpty {
                errors[target.field] = problems.map(\.message).joined(separator: "; ")
            } else if target.kind == .reelVideo, let offset = media.thumbOffset, let seconds = MP4Info.read(file.head)?.duration,
                      Double(offset) >= seconds * 1000 {
                errors["thumb_offset"] = "must be less than the video's \(Int(seconds * 1000)) ms"
            }
        }
        return errors
    }

    /// Seconds a publish request waits for an upstream slot before its 503 (a burst of posts queues briefly
    /// rather than failing at once; the head fetch itself is short).
    static let slotWait = 2.0

    /// What fetching a file's head gave.
    enum Fetched {
        /// The first `MediaKind.headBytes` of the file (or all of it) and its whole size.
        case file([UInt8], total: Int)
        /// No answer, or not 200/206: Meta could not fetch it either.
        case unreachable
        /// Its host sent more than the head (no Range support): left for Meta to judge.
        case unchecked
    }

    /// The file's head and size, fetched with a Range request in a bulkhead slot (`UpstreamBusy` when none came
    /// free within `slotWait`).
    static func head(_ url: String, context: UserContext) throws -> Fetched {
        let http = context.thread.http
        http.deadline = .now + .milliseconds(Int64(context.thread.configuration.upstream.deadline * 1000))
        defer { http.deadline = nil }
        let request = HTTPClientRequest(url: url, headers: [("Range", "bytes=0-\(MediaKind.headBytes - 1)")],
                                        maxResponseBytes: MediaKind.headBytes)
        let response: HTTPClientResponse
        do {
            response = try context.thread.upstream.withSlot(waitingUpTo: slotWait) { try http.send(request) }
        } catch let error as HTTPClientError {
            return error.code == .tooLarge ? .unchecked : .unreachable
        }
        switch response.status {
        case 206:
            let total = response.header("Content-Range").flatMap { $0.split(separator: "/").last.flatMap { Int($0) } } ?? response.body.count
            return .file(response.body, total: total)
        case 200: return .file(response.body, total: response.body.count)
        default: return .unreachable
        }
    }
}
