import Foundation
import Instagram
import Observability
import Web

/// `POST /api/download`: a post or reel URL in, every photo and video (best quality), the video thumbnails and
/// the metadata JSON out, as signed links nginx serves. Keeps the old service's request and response shapes.
enum DownloadHandler {
    struct Body: StrictDecodable {
        static let allowedFields: Set<String> = ["url", "refresh", "async", "wait", "session", "img_index", "single_item",
                                                 "callback_url"]
        var url: String
        var refresh: Bool?
        var async: Bool?
        var wait: Double?
        var session: String?
        var imgIndex: Int?
        var singleItem: Bool?
        /// Where the status JSON is POSTed, signed, when the download ends as a job (never for a 200 answer).
        var callbackURL: String?
        enum CodingKeys: String, CodingKey {
            case url, refresh, async, wait, session
            case imgIndex = "img_index"
            case singleItem = "single_item"
            case callbackURL = "callback_url"
        }
    }

    /// The quota (`QuotaMiddleware`) was counted before this runs; errors become answers by their own types.
    @Sendable static func download(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let userID = context.user.id
        let settings = context.configuration.downloads
        let (body, post) = try request.decodeJSON(Body.self) { body in
            let callbackProblem = try body.callbackURL.flatMap { try CallbackURLCheck.problem($0, context: context) }
            return (body, try body.validatedPost(syncDeadline: settings.syncDeadline,
                                                 otherErrors: callbackProblem.map { ["callback_url": $0] } ?? [:]))
        }
        let item = body.imgIndex != nil || body.singleItem == true ? post.imageIndex : nil
        let session = try loadSession(body.session, context: context, userID: userID)
        let plan = Plan(post: post, item: item, refresh: body.refresh == true, session: session?.username,
                        callbackURL: body.callbackURL)
        if body.async == true {
            return try enqueue(plan, reason: "async", context: context, userID: userID)
        }
        let wait = body.wait ?? settings.syncDeadline
        do {
            return try context.upstream.withSlot {
                try synchronous(plan, session: session?.session, wait: wait, context: context, userID: userID)
            }
        } catch where error is UpstreamBusy || error is DownloadDeferral {
            // Every thread allowed to wait on Instagram is taken (busy), or the download is too big or too slow.
            let reason = (error as? DownloadDeferral)?.reason ?? .busy
            context.logger.info("download deferred to the worker", metadata: [.shortcode: "\(post.shortcode)", .reason: "\(reason.rawValue)"])
            return try enqueue(plan, reason: reason.rawValue, context: context, userID: userID)
        }
    }

    /// What a request asks for, as the synchronous path and the job both need it.
    struct Plan {
        var post: PostURL
        var item: Int?
        var refresh: Bool
        var session: String?
        /// Called when the download ends as a job; a download answered at once (200) calls nobody.
        var callbackURL: String?
    }

    /// The download within the request: answered from storage or fetched, unless it is too big or runs into its
    /// deadline (`DownloadDeferral`: the caller answers 202 and the worker takes over).
    static func synchronous(_ plan: Plan, session: InstagramSession?, wait: Double, context: UserContext,
                            userID: Int64) throws -> HTTPResponse {
        let deadline = ContinuousClock.now + .milliseconds(Int64(wait * 1000))
        let settings = context.configuration.downloads
        let db = try context.database()
        let coordinator = DownloadCoordinator(db: db, settings: settings, logger: context.logger)
        let client = try context.instagramClient()
        let cdn = context.http
        let logger = context.logger
        let store = DownloadStore(db: db)
        let post = plan.post
        let hadIt = try store.find(userID: userID, shortcode: post.shortcode)?.state == "completed"
        let outcome = try coordinator.obtain(shortcode: post.shortcode, item: plan.item, refresh: plan.refresh, lockTimeout: wait,
                                             authorize: {
            // Someone else's download of this post: check that Instagram shows it to this caller first.
            if !hadIt { _ = try client.fetchPost(post, session: session) }
        }) {
            let downloader = PostDownloader(settings: settings, instagram: client, cdn: cdn, logger: logger)
            downloader.deadline = deadline
            downloader.admit = { _, plan in
                let threshold = settings.asyncThresholdBytes
                guard threshold > 0, plan.entries.contains(where: { $0.kind == .video }),
                      let bytes = PostDownloader.videoBytes(plan, cdn: cdn), bytes > threshold else { return }
                throw DownloadDeferral(reason: .size, bytes: bytes)
            }
            return try downloader.download(post, session: session, selectItem: plan.item != nil)
        }
        try store.complete(userID: userID, metadata: outcome.metadata)
        context.logger.info("download served", metadata: [.shortcode: "\(post.shortcode)", .fromStorage: "\(outcome.fromStorage)",
                                                          .files: "\(outcome.metadata.files.count)"])
        return .json(try answer(outcome.metadata, fromStorage: outcome.fromStorage, context: context))
    }

    static func loadSession(_ username: String?, context: UserContext,
                            userID: Int64) throws -> (username: String, session: InstagramSession)? {
        if let username, !InstagramNames.isUsername(username) {
            throw APIError.validation(["session": "must be the username of a saved Instagram session"])
        }
        let store = InstagramSessionStore(db: try context.database(), box: try context.services.secretBox())
        let found = try store.load(userID: userID, username: username)
        if username != nil, found == nil {
            throw APIError.validation(["session": "no saved Instagram session with that username (see GET /api/instagram/sessions)"])
        }
        return found
    }

    static func answer(_ metadata: DownloadMetadata, fromStorage: Bool, context: UserContext) throws -> DownloadAnswer {
        let settings = context.configuration.downloads
        let signer = try context.services.linkSigner()
        let links = DownloadLinks(metadata: metadata, signer: signer, base: context.configuration.publicURL,
                                  lifetime: settings.linkLifetime)
        return DownloadAnswer(shortcode: metadata.post.shortcode, mediaType: metadata.post.type.rawValue,
                              fromStorage: fromStorage, links: links, metadata: metadata)
    }
}

/// The answer of a finished download: the old service's fields plus the metadata object.
struct DownloadAnswer: Encodable {
    var success = true
    var status = "completed"
    var shortcode: String
    var mediaType: String
    var fromStorage: Bool
    var links: DownloadLinks
    var metadata: DownloadMetadata

    enum CodingKeys: String, CodingKey {
        case success, status, shortcode, metadata
        case mediaType = "media_type"
        case fromStorage = "from_storage"
    }

    func encode(to encoder: Encoder) throws {
        try links.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(success, forKey: .success)
        try container.encode(status, forKey: .status)
        try container.encode(shortcode, forKey: .shortcode)
        try container.encode(mediaType, forKey: .mediaType)
        try container.encode(fromStorage, forKey: .fromStorage)
        try container.encode(metadata, forKey: .metadata)
    }
}
