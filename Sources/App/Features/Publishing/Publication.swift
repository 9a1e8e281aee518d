import Foundation
import Postgres

/// A post asked for through `POST /api/sns/instagram/posts`: what to publish, its state, and what Meta answered.
struct Publication: Sendable, PostgresRecord {
    var id: Int64
    var userID: Int64
    var accountID: Int64
    var mediaType: String
    var imageURL: String
    var caption: String
    var state: String
    var containerID: String?
    var mediaID: String?
    var permalink: String?
    var shortcode: String?
    var errorCode: Int?
    var errorSubcode: Int?
    var errorMessage: String?
    var publishRequestedAt: Date?
    var jobID: Int64?
    var createdAt: Date
    var updatedAt: Date
    var publishedAt: Date?
    /// When a scheduled post is due (nil: published at once).
    var scheduledAt: Date?
    /// The fingerprint of the request that made the post (`PostRequest.fingerprint`), compared on an `Idempotency-Key` replay.
    var requestHash: String?
    /// How many jobs the post has had (a retry or a moved schedule adds one); part of each job's unique key.
    var jobGeneration: Int
    /// A story's, reel's or carousel's media (nil for a feed photo).
    var media: PublishedMedia?

    static let columns = """
        id, user_id, account_id, media_type, image_url, caption, state, container_id, media_id, permalink, shortcode,
        error_code, error_subcode, error_message, publish_requested_at, job_id, created_at, updated_at, published_at,
        scheduled_at, request_hash, job_generation, media::text AS media
        """

    init(row: PostgresRow) throws(PostgresError) {
        id = try row.decode("id")
        userID = try row.decode("user_id")
        accountID = try row.decode("account_id")
        mediaType = try row.decode("media_type")
        imageURL = try row.decode("image_url")
        caption = try row.decode("caption")
        state = try row.decode("state")
        containerID = try row.decodeIfPresent("container_id")
        mediaID = try row.decodeIfPresent("media_id")
        permalink = try row.decodeIfPresent("permalink")
        shortcode = try row.decodeIfPresent("shortcode")
        errorCode = try row.decodeIfPresent("error_code")
        errorSubcode = try row.decodeIfPresent("error_subcode")
        errorMessage = try row.decodeIfPresent("error_message")
        publishRequestedAt = try row.decodeIfPresent("publish_requested_at")
        jobID = try row.decodeIfPresent("job_id")
        createdAt = try row.decode("created_at")
        updatedAt = try row.decode("updated_at")
        publishedAt = try row.decodeIfPresent("published_at")
        scheduledAt = try row.decodeIfPresent("scheduled_at")
        requestHash = try row.decodeIfPresent("request_hash")
        jobGeneration = try row.decode("job_generation")
        media = PublishedMedia.decode(try row.decodeIfPresent("media"))
    }
}

/// A publication as the API shows it: the earlier service's fields (`id`, `account_id`, `platform`, `content`,
/// `media_url`, `status`, `platform_post_id`, `published_at`) and ours beside them.
struct PublicationJSON: Encodable {
    /// `true` for one post; absent on each post of a list.
    var success: Bool? = true
    var id: Int64
    var postID: Int64
    var accountID: Int64
    var platform = "instagram"
    var mediaType: String
    var content: String
    var mediaURL: String
    var status: String
    var state: String
    var progress: String
    var platformPostID: String?
    var permalink: String?
    var shortcode: String?
    var error: ErrorJSON?
    var jobID: Int64?
    var createdAt: Date
    var scheduledAt: Date?
    var publishedAt: Date?
    /// A story's, reel's or carousel's media and options (absent for a feed photo).
    var media: PublishedMedia?

    struct ErrorJSON: Encodable {
        var code: Int?
        var subcode: Int?
        var message: String
    }

    enum CodingKeys: String, CodingKey {
        case success, id, platform, content, status, state, progress, permalink, shortcode, error, media
        case postID = "post_id", accountID = "account_id", mediaType = "media_type", mediaURL = "media_url"
        case platformPostID = "platform_post_id", jobID = "job_id", createdAt = "created_at", publishedAt = "published_at"
        case scheduledAt = "scheduled_at"
    }

    init(_ row: Publication, listed: Bool = false) {
        if listed { success = nil }
        id = row.id
        postID = row.id
        accountID = row.accountID
        mediaType = row.mediaType
        content = row.caption
        mediaURL = row.imageURL
        status = row.state
        state = row.state
        progress = PublicationJSON.progress(row)
        platformPostID = row.mediaID
        permalink = row.permalink
        shortcode = row.shortcode
        if row.state == "failed" || row.errorMessage != nil {
            error = ErrorJSON(code: row.errorCode, subcode: row.errorSubcode, message: row.errorMessage ?? "")
        }
        jobID = row.jobID
        createdAt = row.createdAt
        scheduledAt = row.scheduledAt
        publishedAt = row.publishedAt
        media = row.media
    }

    /// Where the post is, in words.
    static func progress(_ row: Publication) -> String {
        switch row.state {
        case "published": return "published"
        case "failed": return "failed"
        case "scheduled": return "scheduled"
        case "cancelled": return "cancelled"
        case "waiting_quota": return "waiting for the account's 24-hour publishing limit"
        case "publishing":
            if row.publishRequestedAt != nil { return "publishing the container" }
            return row.containerID == nil ? "creating the media container" : "waiting for the container to finish"
        default: return "queued"
        }
    }
}
