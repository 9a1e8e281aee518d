import Crypto
import DownloadEngine
import Foundation
import Web

/// A feed photo to publish (`POST /api/sns/instagram/posts`), checked before anything is sent to Meta: every bad
/// field is named in one 422 `VALIDATION_ERROR` (Meta's rules, graph-api.md §3.2: caption ≤ 2,200 characters,
/// ≤ 30 hashtags, ≤ 20 @-mentions; the image at a public http(s) URL; `scheduled_at` as `ScheduledTime` says).
struct PostRequest: Equatable {
    /// The first account (the only one without `account_ids`).
    var accountID: Int64
    /// Every account the post goes to, as `parse` reads them: `account_ids` (a batch, `PostBatch`), else `[accountID]`.
    var accountIDs: [Int64] = []
    /// The post came with `account_ids`: one row and one job per account, one answer listing them.
    var isBatch = false
    /// `"draft": true`: stored as a draft, checked as any post, with no job until it is published (`DraftHandlers`).
    var isDraft = false
    var imageURL: String
    /// The caption as sent to Meta: the caption, then the hashtags not already in it.
    var caption: String
    var hashtags: [String]
    /// When to publish; nil for now.
    var scheduledAt: Date?
    /// A story's, reel's or carousel's media (`StoryRequest`, `ReelRequest`, `CarouselRequest`); nil for a feed photo.
    var media: PublishedMedia? = nil
    /// The uploads the request named (`UploadReferences`), kept with the post; not part of its fingerprint (their URLs are).
    var uploadTokens: [String] = []

    /// Meta's `media_type` of the post: `IMAGE` for a feed photo.
    var mediaType: String { media?.type ?? "IMAGE" }

    static let maxCaption = 2200
    static let maxHashtags = 30
    static let maxMentions = 20

    struct Body: StrictDecodable {
        static let allowedFields: Set<String> = Set(["account_id", "account_ids", "image_url", "caption", "hashtags", "scheduled_at", "draft"])
            .union(FeedPhotoOptions.fields)
        var accountID: Int64?
        var accountIDs: PostBatch.AccountIDList?
        var draft: Bool?
        var imageURL: String?
        var caption: String?
        var hashtags: HashtagList?
        var scheduledAt: String?

        enum CodingKeys: String, CodingKey {
            case caption, hashtags, draft
            case accountID = "account_id", accountIDs = "account_ids", imageURL = "image_url", scheduledAt = "scheduled_at"
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
        try request.decodeJSON(Body.self) { body throws(APIError) in try validate(body, request: request) }
    }

    /// Every rule over a decoded body (a draft's edit checks its merged fields here too).
    /// `request` is the whole request, whose feed-photo options (`FeedPhotoOptions`) are read too; without it (a
    /// draft's edit) the options `kept` from the stored post stay, with the photo's new URL.
    static func validate(_ body: Body, request: HTTPRequest?, kept: PublishedMedia? = nil) throws(APIError) -> PostRequest {
        var errors: [String: String] = [:]
        let accountIDs = PostBatch.accountIDs(single: body.accountID, list: body.accountIDs, errors: &errors)
        let url = body.imageURL ?? ""
        if let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
           let host = parts.host, !host.isEmpty, url.count <= 2048 {
            // a public JPEG URL Meta can fetch
        } else {
            errors["image_url"] = body.imageURL == nil ? "is required: a public http(s) URL of a JPEG" : "must be a public http(s) URL of a JPEG (at most 2,048 characters)"
        }
        let (caption, tags) = CaptionRules.apply(caption: body.caption, hashtags: body.hashtags?.tags, field: "caption", errors: &errors)
        let scheduledAt = CaptionRules.schedule(body.scheduledAt, errors: &errors)
        var media = kept.map { kept -> PublishedMedia in
            var media = kept
            media.imageURL = url
            return media
        }
        if let request { media = try FeedPhotoOptions.parse(request, imageURL: url, errors: &errors) }
        guard errors.isEmpty, let accountID = accountIDs.first else { throw APIError.validation(errors) }
        return PostRequest(accountID: accountID, accountIDs: accountIDs, isBatch: body.accountIDs != nil, isDraft: body.draft == true,
                           imageURL: url, caption: caption, hashtags: tags, scheduledAt: scheduledAt, media: media)
    }

    /// What the post is, as one hex SHA-256: two requests with the same `Idempotency-Key` must have the same one.
    var fingerprint: String {
        var parts: [String] = ["\(accountID)", imageURL, caption, scheduledAt.map { "\($0.timeIntervalSince1970)" } ?? ""]
            + (media.map { [$0.json] } ?? [])
        // A batch's accounts and a draft are part of what the post is (a plain post's fingerprint is as before).
        if isBatch { parts.append("accounts:" + accountIDs.map(String.init).joined(separator: ",")) }
        if isDraft { parts.append("draft") }
        let text = parts.map { "\($0.utf8.count):\($0)" }.joined()
        return SHA256.hash(data: Data(text.utf8)).hexEncoded
    }
}
