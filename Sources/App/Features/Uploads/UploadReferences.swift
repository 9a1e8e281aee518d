import Foundation
import MediaProbe
import Postgres
import Web

/// Uploads named in a publish request instead of URLs: `image_upload_id`, `video_upload_id` and (reels) `cover_upload_id`,
/// at the top level or in a carousel's `items`, each in place of its `…_url`. Each is checked here (this user's, live,
/// the right type, and the file within Meta's rules for where it goes: a feed photo's aspect ratio, a story's 60 s)
/// and replaced by its unsigned `/uploads/` URL, which the request's own parser then takes as any URL; a bad one is
/// named in the same 422 as the request's other problems (`Resolved.parse`). The stored post keeps its uploads past
/// its `scheduled_at` (`keep`); the job signs their URLs when it hands them to Meta (`UploadLinks`).
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

    /// The request with every good `…_upload_id` replaced by its `…_url`, and each bad one named (`Resolved.parse` joins
    /// them to the request's other problems in one 422). A body that is not a JSON object, or names no upload, is
    /// handed on untouched (its parser judges it). Nothing is written: the uploads are kept for the post by `keep`,
    /// in the transaction that stores it.
    static func resolve(_ request: HTTPRequest, for destination: Destination, _ context: UserContext) throws -> Resolved {
        guard var object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any],
              mentionsUpload(object) else { return Resolved(request: request) }
        var resolved = Resolved(request: request)
        let resolver = Resolver(context: context, destination: destination)
        try resolver.replace(in: &object, prefix: "", into: &resolved)
        if var items = object["items"] as? [Any] {
            for index in items.indices {
                guard var item = items[index] as? [String: Any] else { continue }
                try resolver.replace(in: &item, prefix: "items[\(index)].", into: &resolved)
                items[index] = item
            }
            object["items"] = items
        }
        resolved.request.body = [UInt8](try JSONSerialization.data(withJSONObject: object))
        return resolved
    }

    /// The post's uploads kept until `lifetime` (`INSTAGATE_UPLOAD_TTL`, a day) after its `scheduled_at` (or now), in the transaction that stores the post;
    /// 422 naming `upload_id` when one expired since it was checked (the transaction then stores nothing).
    static func keep(_ tokens: [String], for scheduledAt: Date?, lifetime: Double, userID: Int64, db: PostgresConnection) throws {
        let until = (scheduledAt ?? Date()).addingTimeInterval(lifetime)
        for token in tokens {
            guard try UploadStore(db: db).keep(token: token, userID: userID, until: until) != nil else {
                throw APIError.validation(["upload_id": "an upload of this post expired while it was stored: upload the file again"])
            }
        }
    }

    static func mentionsUpload(_ object: [String: Any]) -> Bool {
        let names = Set(fields.map { "\($0)_upload_id" })
        if object.keys.contains(where: names.contains) { return true }
        return (object["items"] as? [Any])?.contains { ($0 as? [String: Any])?.keys.contains(where: names.contains) ?? false } ?? false
    }

    struct Resolver {
        let context: UserContext
        let destination: Destination

        /// Replaces `X_upload_id` by `X_url` in one object (the request or an item), each problem added to `resolved`.
        func replace(in object: inout [String: Any], prefix: String, into resolved: inout Resolved) throws {
            for field in UploadReferences.fields {
                guard let value = object["\(field)_upload_id"] else { continue }
                let name = "\(prefix)\(field)_upload_id"
                object.removeValue(forKey: "\(field)_upload_id")
                if object["\(field)_url"] != nil { resolved.errors[name] = "give \(field)_url or \(field)_upload_id, not both"; continue }
                resolved.emptied.insert("\(prefix)\(field)_url")
                guard let token = value as? String, let upload = try find(token) else {
                    resolved.errors[name] = "is not a live upload of yours (POST /api/sns/instagram/uploads; uploads expire)"; continue
                }
                let kind = destination.kind(field)
                if let problem = check(upload, as: kind) { resolved.errors[name] = problem; continue }
                object["\(field)_url"] = "\(context.thread.configuration.publicURL)\(upload.uri)"
                resolved.tokens.append(token)
            }
        }

        func find(_ token: String) throws -> Upload? {
            try UploadStore(db: try context.database()).find(token: token, userID: context.user.id)
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
