import Foundation
import Jobs
import Web

/// `POST /api/sns/instagram/posts` (a feed photo, published by a worker job) and `GET /api/sns/instagram/posts/{id}`.
enum PublishingHandlers {
    static let notFound = APIError.notFound("No post with that id.")

    /// Validates everything before any call (422 naming each bad field; another user's or no account: 404; an
    /// account to reconnect: 409), stores the post and queues its job: 202 with the post's id and state.
    @Sendable static func create(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let post = try PostRequest.parse(request)
        let accounts = try context.thread.connectedAccounts()
        guard let account = try accounts.account(id: post.accountID, userID: context.user.id) else { throw ConnectedAccountHandlers.notFound }
        guard account.isConnected else { throw ConnectedAccountError.reconnectRequired }
        let db = try context.database()
        let row = try db.transaction { tx in
            let store = PublicationStore(db: tx)
            var row = try store.insert(userID: context.user.id, accountID: account.id, imageURL: post.imageURL, caption: post.caption,
                                       hashtags: post.hashtags)
            let job = try PublishJob.enqueue(publicationID: row.id, userID: context.user.id, db: tx)
            try store.setJob(row.id, jobID: job)
            row.jobID = job
            return row
        }
        context.logger.info("post queued", metadata: [.accountID: "\(account.id)", .jobID: "\(row.jobID ?? 0)"])
        return .json(PublicationJSON(row), status: .accepted)
    }

    /// The post's state, progress, and once published its media id, permalink and shortcode; 404 for another user's.
    @Sendable static func show(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        guard let id = request.parameter("post_id").flatMap({ Int64($0) }), id > 0 else { throw notFound }
        guard let row = try PublicationStore(db: try context.database()).find(id: id, userID: context.user.id) else { throw notFound }
        return .json(PublicationJSON(row))
    }
}
