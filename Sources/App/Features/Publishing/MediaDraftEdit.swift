import Foundation
import Web

/// `PATCH …/posts/{id}` of a story's, reel's or carousel's draft: the fields sent replace the draft's own (`null`
/// takes one away; a new photo or video replaces the story's other one, a new `items` list the carousel's), and the
/// whole is checked again by its kind's parser, uploads and media bytes included, as a new post of that kind would be:
/// one 422 naming every bad field, and the draft unchanged. `account_id`, `account_ids` and `draft` are not edited.
enum MediaDraftEdit {
    /// The media types edited here (a feed photo's draft is `DraftHandlers.edit`'s).
    static let types: Set<String> = ["STORIES", "REELS", "CAROUSEL"]
    static let fixedFields = ["account_id", "account_ids", "draft"]

    /// The edited draft as a checked post (to store with `PublicationStore.updateDraft`).
    static func post(_ request: HTTPRequest, _ current: Publication, media: PublishedMedia, _ context: UserContext) throws -> PostRequest {
        _ = try request.decodeJSON(JSONObject.self)
        let patch = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
        var errors: [String: String] = [:]
        for field in fixedFields where patch[field] != nil { errors[field] = "is not edited on a draft: make a new post instead" }
        var merged = request
        merged.body = [UInt8](try JSONSerialization.data(withJSONObject: body(current, media: media, patch: patch)))
        let (destination, parse) = kind(media.type, context)
        let resolved = try UploadReferences.resolve(merged, for: destination, context)
        var post: PostRequest
        do {
            post = try resolved.parse(parse)
        } catch let error as APIError where error.code == "VALIDATION_ERROR" && !errors.isEmpty {
            throw APIError.validation(error.errors.merging(errors) { _, fixed in fixed })
        }
        if !errors.isEmpty { throw APIError.validation(errors) }
        post.isDraft = true
        post.uploadTokens = resolved.tokens
        return post
    }

    /// The draft as the body of its kind's request, with the patch laid over it.
    static func body(_ current: Publication, media: PublishedMedia, patch: [String: Any]) -> [String: Any] {
        var body = (try? JSONSerialization.jsonObject(with: Data(media.json.utf8))) as? [String: Any] ?? [:]
        body.removeValue(forKey: "type")
        body["account_id"] = current.accountID
        body[media.type == "STORIES" ? "text" : "caption"] = current.caption
        if let time = current.scheduledAt { body["scheduled_at"] = DraftHandlers.rfc3339(time) }
        let sent = Set(patch.keys)
        if media.type == "STORIES" && !sent.isDisjoint(with: ["image_url", "video_url", "image_upload_id", "video_upload_id"]) {
            body.removeValue(forKey: "image_url")
            body.removeValue(forKey: "video_url")
        }
        for (field, replaced) in [("video_upload_id", "video_url"), ("image_upload_id", "image_url"), ("cover_upload_id", "cover_url"),
                                  ("thumbnail_url", "cover_url")] where sent.contains(field) {
            body.removeValue(forKey: replaced)
        }
        for (field, value) in patch where !fixedFields.contains(field) {
            body[field] = value is NSNull ? nil : value
        }
        return body
    }

    /// Where a media type's uploads go, and its parser (its files judged by `MediaInspection`).
    static func kind(_ type: String, _ context: UserContext) -> (UploadReferences.Destination, (HTTPRequest) throws -> PostRequest) {
        let inspect = { (media: PublishedMedia) in try MediaInspection.problems(media, context: context) }
        switch type {
        case "STORIES": return (.story, { try StoryRequest.parse($0, inspect: inspect) })
        case "REELS": return (.reel, { try ReelRequest.parse($0, inspect: inspect) })
        default: return (.carousel, { try CarouselRequest.parse($0, inspect: inspect) })
        }
    }

    /// Any JSON object: the patch's syntax and type checked as every body's (`decodeJSON`), its fields judged by the kind's parser.
    struct JSONObject: Decodable {
        init(from decoder: any Decoder) throws {
            _ = try decoder.container(keyedBy: AnyKey.self)
        }

        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }
}
