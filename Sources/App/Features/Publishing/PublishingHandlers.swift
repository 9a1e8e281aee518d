import Foundation
import Jobs
import Web

/// `POST /api/sns/instagram/posts` (a feed photo, published by a worker job, now or at `scheduled_at`) and
/// `GET /api/sns/instagram/posts/{id}`.
enum PublishingHandlers {
    static let notFound = APIError.notFound("No post with that id.")

    /// Validates everything before any call (422 naming each bad field, the image judged from its own bytes where
    /// instagate may fetch it: `MediaInspection`; another user's or no account: 404; an
    /// account to reconnect: 409), stores the post and queues its job: 202 with the post's id and state. With an
    /// `Idempotency-Key` already used: the first post again (202, `Idempotent-Replayed: true`), or 422
    /// `IDEMPOTENCY_KEY_REUSED` when this request differs from the first.
    @Sendable static func create(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        try MediaPublishingHandlers.publish(request, to: .feed, context) { request in
            let post = try PostRequest.parse(request)
            let problems = try MediaInspection.problems(PublishedMedia(type: "IMAGE", imageURL: post.imageURL), context: context)
            if !problems.isEmpty { throw APIError.validation(problems) }
            return post
        }
    }

    /// Stores a checked post of any media type and queues its job (the answers of `create`).
    static func queue(_ post: PostRequest, _ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let key = try IdempotencyKey.parse(request)
        if post.isBatch { return try PostBatchHandler.create(post, idempotencyKey: key, context) }
        let db = try context.database()
        if let key, let first = try PublicationStore(db: db).find(idempotencyKey: key, userID: context.user.id) {
            return try replay(first, of: post)
        }
        if let key { try PostBatchHandler.refuseKeyOfABatch(key, PublicationStore(db: db), userID: context.user.id) }
        let accounts = try context.thread.connectedAccounts()
        guard let account = try accounts.account(id: post.accountID, userID: context.user.id) else { throw ConnectedAccountHandlers.notFound }
        guard account.isConnected else { throw ConnectedAccountError.reconnectRequired }
        let stored = try db.transaction { tx -> Publication? in
            let store = PublicationStore(db: tx)
            guard var row = try store.insert(userID: context.user.id, accountID: account.id, post: post, idempotencyKey: key) else { return nil }
            try UploadReferences.keep(post.uploadTokens, for: post.scheduledAt,
                                      lifetime: context.thread.configuration.publishing.uploadLifetime, userID: context.user.id, db: tx)
            if !post.isDraft {
                row.jobID = try PublishJob.enqueue(row, db: tx)
                try store.setJob(row.id, jobID: row.jobID!)
            }
            return row
        }
        guard let row = stored else {
            // Another request with the same key stored its post first.
            guard let key, let first = try PublicationStore(db: db).find(idempotencyKey: key, userID: context.user.id) else { throw APIError.internalError }
            return try replay(first, of: post)
        }
        context.logger.info("post queued", metadata: [.accountID: "\(account.id)", .jobID: "\(row.jobID ?? 0)"])
        return .json(PublicationJSON(row), status: .accepted)
    }

    /// The answer to a request whose `Idempotency-Key` made `first`: that post, or a refusal when the request differs.
    static func replay(_ first: Publication, of post: PostRequest) throws -> HTTPResponse {
        guard first.requestHash == post.fingerprint else { throw PublishingError.idempotencyKeyReused(postID: first.id) }
        var answer = HTTPResponse.json(PublicationJSON(first), status: .accepted)
        answer.headers["Idempotent-Replayed"] = "true"
        return answer
    }

    /// The post's state, progress, and once published its media id, permalink and shortcode; 404 for another user's.
    @Sendable static func show(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let row = try post(request, context)
        return .json(PublicationJSON(row))
    }

    /// The post named by the path's `post_id`, of this API user (404 otherwise).
    static func post(_ request: HTTPRequest, _ context: UserContext) throws -> Publication {
        guard let id = postID(request) else { throw notFound }
        guard let row = try PublicationStore(db: try context.database()).find(id: id, userID: context.user.id) else { throw notFound }
        return row
    }

    static func postID(_ request: HTTPRequest) -> Int64? {
        request.parameter("post_id").flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
    }
}
