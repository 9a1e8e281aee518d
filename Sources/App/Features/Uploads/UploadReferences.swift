import Foundation
import MediaProbe
import Web

/// Uploads named in a publish request instead of URLs: `image_upload_id`, `video_upload_id` and (reels) `cover_upload_id`,
/// at the top level or in a carousel's `items`, each in place of its `…_url`. Each is checked here (this user's, live,
/// the right type, and the file within Meta's rules for where it goes: a feed photo's aspect ratio, a story's 60 s),
/// its expiry moved past the post's `scheduled_at`, and it is replaced by its unsigned `/uploads/` URL, which the
/// request's own parser then takes as any URL; the job signs it when it hands it to Meta (`UploadLinks`).
enum UploadReferences {
    /// Where the request publishes: which `MediaKind` each field's file must be.
    enum Destination {
        case feed, story, reel, carousel

        func kind(_ field: String) -> MediaKind {
            switch (self, field) {
            case (.carousel, "video"): return .carouselVideo
            case (.story, "video"): return .storyVideo
            case (.story, "image"): return .storyImage
            case (_, "video"): return .reelVideo
            case (_, "cover"): return .cover
            default: return .feedImage
            }
        }
    }

    static let fields = ["image", "video", "cover"]

    /// The request with every `…_upload_id` replaced by its `…_url`; a 422 naming each bad one. A body that is not
    /// a JSON object, or names no upload, is handed on untouched (its parser judges it).
    static func resolve(_ request: HTTPRequest, for destination: Destination, _ context: UserContext) throws -> HTTPRequest {
        guard var object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any],
              mentionsUpload(object) else { return request }
        var errors: [String: String] = [:]
        let lifetime = context.thread.configuration.publishing.uploadLifetime
        let keepUntil = (scheduledAt(object) ?? Date()).addingTimeInterval(lifetime)
        let resolver = Resolver(context: context, destination: destination, keepUntil: keepUntil)
        try resolver.replace(in: &object, prefix: "", errors: &errors)
        if var items = object["items"] as? [Any] {
            for index in items.indices {
                guard var item = items[index] as? [String: Any] else { continue }
                try resolver.replace(in: &item, prefix: "items[\(index)].", errors: &errors)
                items[index] = item
            }
            object["items"] = items
        }
        if !errors.isEmpty { throw APIError.validation(errors) }
        var resolved = request
        resolved.body = [UInt8](try JSONSerialization.data(withJSONObject: object))
        return resolved
    }

    static func mentionsUpload(_ object: [String: Any]) -> Bool {
        let names = Set(fields.map { "\($0)_upload_id" })
        if object.keys.contains(where: names.contains) { return true }
        return (object["items"] as? [Any])?.contains { ($0 as? [String: Any])?.keys.contains(where: names.contains) ?? false } ?? false
    }

    static func scheduledAt(_ object: [String: Any]) -> Date? {
        guard let text = object["scheduled_at"] as? String, case .success(let date) = ScheduledTime.parse(text) else { return nil }
        return date
    }

    struct Resolver {
        let context: UserContext
        let destination: Destination
        let keepUntil: Date

        /// Replaces `X_upload_id` by `X_url` in one object (the request or an item), adding each problem to `errors`.
        func replace(in object: inout [String: Any], prefix: String, errors: inout [String: String]) throws {
            for field in UploadReferences.fields {
                guard let value = object["\(field)_upload_id"] else { continue }
                let name = "\(prefix)\(field)_upload_id"
                object.removeValue(forKey: "\(field)_upload_id")
                if object["\(field)_url"] != nil { errors[name] = "give \(field)_url or \(field)_upload_id, not both"; continue }
                guard let token = value as? String, let upload = try find(token) else {
                    errors[name] = "is not a live upload of yours (POST /api/sns/instagram/uploads; uploads expire)"; continue
                }
                let kind = destination.kind(field)
                if let problem = check(upload, as: kind) { errors[name] = problem; continue }
                object["\(field)_url"] = "\(context.thread.configuration.publicURL)\(upload.uri)"
            }
        }

        func find(_ token: String) throws -> Upload? {
            try UploadStore(db: try context.database()).keep(token: token, userID: context.user.id, until: keepUntil)
        }

        /// The file judged as `kind` from its bytes; nil when Meta would take it there.
        func check(_ upload: Upload, as kind: MediaKind) -> String? {
            if kind.isVideo != (upload.mediaType == "VIDEO") {
                return "is \(upload.mediaType == "VIDEO" ? "a video" : "an image"): \(kind.isVideo ? "a video" : "a JPEG image") is needed here"
            }
            let path = UploadFiles(home: context.thread.configuration.home).path(upload)
            guard let file = FileHandle(forReadingAtPath: path) else { return "is not a live upload of yours (its file is gone)" }
            defer { try? file.close() }
            let head = [UInt8]((try? file.read(upToCount: MediaKind.headBytes)) ?? Data())
            let problems = MediaCheck.problems(head: head, totalBytes: Int(upload.size), as: kind)
            return problems.isEmpty ? nil : problems.map(\.message).joined(separator: "; ")
        }
    }
}
