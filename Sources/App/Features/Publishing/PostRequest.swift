import Crypto
import DownloadEngine
import Foundation
import Web

/// A feed photo to publish (`POST /api/sns/instagram/posts`), checked before anything is sent to Meta: every bad
/// field is named in one 422 `VALIDATION_ERROR` (Meta's rules, graph-api.md §3.2: caption ≤ 2,200 characters,
/// ≤ 30 hashtags, ≤ 20 @-mentions; the image at a public http(s) URL; `scheduled_at` as `ScheduledTime` says).
struct PostRequest: Equatable {
    var accountID: Int64
    var imageURL: String
    /// The caption as sent to Meta: the caption, then the hashtags not already in it.
    var caption: String
    var hashtags: [String]
    /// When to publish; nil for now.
    var scheduledAt: Date?
    /// A story's, reel's or carousel's media (`StoryRequest`, `ReelRequest`, `CarouselRequest`); nil for a feed photo.
    var media: PublishedMedia? = nil

    /// Meta's `media_type` of the post: `IMAGE` for a feed photo.
    var mediaType: String { media?.type ?? "IMAGE" }

    static let maxCaption = 2200
    static let maxHashtags = 30
    static let maxMentions = 20

    struct Body: StrictDecodable {
        static let allowedFields: Set<String> = Set(["account_id", "image_url", "caption", "hashtags", "scheduled_at"]).union(FeedPhotoOptions.fields)
        var accountID: Int64?
        var imageURL: String?
        var caption: String?
        var hashtags: HashtagList?
        var scheduledAt: String?

        enum CodingKeys: String, CodingKey {
            case caption, hashtags
            case accountID = "account_id", imageURL = "image_url", scheduledAt = "scheduled_at"
        }
    }

    /// Hashtags as a JSON array of strings, or one string separated by spaces or commas (`"#a #b"`).
    struct HashtagList: Decodable {
        var tags: [String]
        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let list = try? value.decode([String].self) {
                tags = list
            } else {
                tags = try value.decode(String.self).split(whereSeparator: { $0 == " " || $0 == "," || $0.isNewline }).map(String.init)
            }
        }
    }

    static func parse(_ request: HTTPRequest) throws(APIError) -> PostRequest {
        let body = try request.decodeJSON(Body.self)
        var errors: [String: String] = [:]
        if body.accountID == nil || body.accountID! <= 0 { errors["account_id"] = "is required: the account_id of a connected account" }
        let url = body.imageURL ?? ""
        if let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
           let host = parts.host, !host.isEmpty, url.count <= 2048 {
            // a public JPEG URL Meta can fetch
        } else {
            errors["image_url"] = body.imageURL == nil ? "is required: a public http(s) URL of a JPEG" : "must be a public http(s) URL of a JPEG (at most 2,048 characters)"
        }
        var tags: [String] = []
        for raw in body.hashtags?.tags ?? [] {
            let tag = raw.hasPrefix("#") ? String(raw.dropFirst()) : raw
            if tag.isEmpty || tag.count > 100 || !tag.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                errors["hashtags"] = "each hashtag must be letters, digits or _ (\"\(raw)\" is not)"
                break
            }
            tags.append(tag)
        }
        var caption = body.caption ?? ""
        let words = caption.split(whereSeparator: { $0.isWhitespace })
        let inCaption = Set(words.filter { $0.hasPrefix("#") && $0.count > 1 }.map { $0.dropFirst().lowercased() })
        let added = tags.filter { !inCaption.contains($0.lowercased()) }
        if !added.isEmpty { caption += (caption.isEmpty ? "" : "\n\n") + added.map { "#" + $0 }.joined(separator: " ") }
        let hashtagCount = inCaption.count + Set(added.map { $0.lowercased() }).count
        if errors["hashtags"] == nil && hashtagCount > maxHashtags {
            errors["hashtags"] = "at most \(maxHashtags) hashtags in all, caption included (there are \(hashtagCount))"
        }
        let mentions = words.filter { $0.hasPrefix("@") && $0.count > 1 }.count
        if mentions > maxMentions { errors["caption"] = "at most \(maxMentions) @-mentions (there are \(mentions))" }
        if caption.count > maxCaption {
            errors["caption", default: ""] += (errors["caption"] == nil ? "" : "; ")
                + "at most \(maxCaption) characters with the hashtags added (there are \(caption.count))"
        }
        var scheduledAt: Date?
        if let text = body.scheduledAt {
            switch ScheduledTime.parse(text) {
            case .success(let time): scheduledAt = time
            case .failure(let problem): errors["scheduled_at"] = problem.message
            }
        }
        let media = try FeedPhotoOptions.parse(request, imageURL: url, errors: &errors)
        guard errors.isEmpty, let accountID = body.accountID else { throw APIError.validation(errors) }
        return PostRequest(accountID: accountID, imageURL: url, caption: caption, hashtags: tags, scheduledAt: scheduledAt, media: media)
    }

    /// What the post is, as one hex SHA-256: two requests with the same `Idempotency-Key` must have the same one.
    var fingerprint: String {
        let parts: [String] = ["\(accountID)", imageURL, caption, scheduledAt.map { "\($0.timeIntervalSince1970)" } ?? ""]
            + (media.map { [$0.json] } ?? [])
        let text = parts.map { "\($0.utf8.count):\($0)" }.joined()
        return SHA256.hash(data: Data(text.utf8)).hexEncoded
    }
}
