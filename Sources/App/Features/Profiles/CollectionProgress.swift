import Foundation

/// A collection job's progress, saved on the job after every post: what `GET /api/collections/{job_id}` shows.
struct CollectionProgress: Codable {
    /// `profile`, `posts`, `stories`, `highlight`, `done`.
    var phase = "starting"
    /// Posts (or story items) finished: downloaded now or found in storage.
    var postsDone = 0
    /// Of those, how many were already stored (no file fetched again).
    var postsFromStorage = 0
    /// Posts passed over by `until`, and stories that expired before they could be downloaded.
    var postsSkipped = 0
    /// What the profile says it has (nil for stories and highlights until listed).
    var postsTotal: Int64?
    /// Bytes of the files of the posts done.
    var bytesDone: Int64 = 0

    enum CodingKeys: String, CodingKey {
        case phase
        case postsDone = "posts_done"
        case postsFromStorage = "posts_from_storage"
        case postsSkipped = "posts_skipped"
        case postsTotal = "posts_total"
        case bytesDone = "bytes_done"
    }
}

/// What a finished collection job stores as its result.
struct CollectionResult: Codable {
    /// One post, story or highlight item: its downloads row has the files and signed links.
    struct Item: Codable {
        var shortcode: String
        var mediaType: String
        var takenAt: Date
        var files: Int
        var bytes: Int64
        var fromStorage: Bool
        enum CodingKeys: String, CodingKey {
            case shortcode, files, bytes
            case mediaType = "media_type"
            case takenAt = "taken_at"
            case fromStorage = "from_storage"
        }
    }

    var kind: String
    var url: String
    var username: String?
    /// The profile's id (profiles and stories).
    var profileID: String?
    /// The storage code of the profile picture and profile metadata (profiles).
    var pictureCode: String?
    /// The highlight's title.
    var title: String?
    /// Why the listing stopped: `end`, `up_to_date` (incremental), `since`, `max_posts`.
    var stoppedBecause: String
    var items: [Item]
    /// Items listed but not downloaded, each with its reason (`expired`: a story that ended part-way); nil when none.
    var skipped: [Skipped]?

    /// A listed item left out, and why.
    struct Skipped: Codable {
        var shortcode: String
        var reason: String
    }

    enum CodingKeys: String, CodingKey {
        case kind, url, username, title, items, skipped
        case profileID = "profile_id"
        case pictureCode = "picture_code"
        case stoppedBecause = "stopped_because"
    }
}
