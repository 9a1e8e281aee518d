import Foundation
import Jobs
import Web

/// Acting on one post: `POST …/posts/{id}/retry` (a failed one), `PATCH …/posts/{id}` (move a scheduled one),
/// `DELETE …/posts/{id}` (cancel a draft or scheduled one). Another user's post is a 404; a post in another
/// state a 409 naming it. Each change and its job are one transaction.
enum PublicationActionHandlers {
    /// A failed post queued again with a new job: 202 with the post (`queued`); 422 naming the `…_upload_id` of an
    /// upload of the post removed since (by `DELETE`, or by the cleanup job once the post had failed and it expired).
    @Sendable static func retry(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let current = try PublishingHandlers.post(request, context)
        guard current.state == "failed" else { throw PublishingError.notFailed(current.state) }
        let accounts = try context.thread.connectedAccounts()
        guard let account = try accounts.account(id: current.accountID, userID: context.user.id) else { throw PublishingHandlers.notFound }
        guard account.isConnected else { throw ConnectedAccountError.reconnectRequired }
        let lifetime = context.thread.configuration.publishing.uploadLifetime
        let row = try requeue(context) { store in
            // Its uploads kept again (the cleanup may take them once a post has failed); one removed is named (422).
            try UploadReferences.renew(DraftHandlers.mediaURLs(current), until: Date().addingTimeInterval(lifetime),
                                       userID: context.user.id, context: context, db: store.db)
            return try store.resetForRetry(current.id, userID: context.user.id)
        }
        guard let row else { throw PublishingError.notFailed(try PublishingHandlers.post(request, context).state) }
        context.logger.info("post retried", metadata: [.jobID: "\(row.jobID ?? 0)"])
        return .json(PublicationJSON(row), status: .accepted)
    }

    /// `{"scheduled_at": "…"}`: a scheduled post moved to a new time (checked as when it was scheduled); 200 with the post.
    /// A draft is edited instead (`DraftHandlers.edit`).
    @Sendable static func reschedule(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        if let id = PublishingHandlers.postID(request),
           let draft = try PublicationStore(db: try context.database()).find(id: id, userID: context.user.id), draft.state == "draft" {
            return try DraftHandlers.edit(request, draft, context)
        }
        let time = try request.decodeJSON(MoveBody.self) { body throws(APIError) in try body.time(ifMissing: "is required") }
        let current = try PublishingHandlers.post(request, context)
        guard current.state == "scheduled" else { throw PublishingError.notScheduled(current.state) }
        let row = try requeue(context) { store in try store.reschedule(current.id, userID: context.user.id, to: time) }
        guard let row else { throw PublishingError.notScheduled(try PublishingHandlers.post(request, context).state) }
        return .json(PublicationJSON(row))
    }

    /// A draft or scheduled post cancelled (its job too); 200 with the post (`cancelled`). Nothing was sent to Meta.
    @Sendable static func cancel(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let current = try PublishingHandlers.post(request, context)
        let db = try context.database()
        let row = try db.transaction { tx -> Publication? in
            guard let row = try PublicationStore(db: tx).cancel(current.id, userID: context.user.id) else { return nil }
            if let job = row.jobID { _ = try JobQueue(connection: tx).requestCancel(jobID: job) }
            return row
        }
        guard let row else { throw PublishingError.notCancellable(try PublishingHandlers.post(request, context).state) }
        return .json(PublicationJSON(row))
    }

    /// Applies `change` and gives the changed post a new job (its old one cancelled; a running old job finds its
    /// id replaced and does nothing), in one transaction; nil when `change` matched no row.
    static func requeue(_ context: UserContext, _ change: (PublicationStore) throws -> Publication?) throws -> Publication? {
        try context.database().transaction { tx -> Publication? in
            let store = PublicationStore(db: tx)
            guard var row = try change(store) else { return nil }
            if let old = row.jobID { _ = try JobQueue(connection: tx).requestCancel(jobID: old) }
            row.jobID = try PublishJob.enqueue(row, db: tx)
            try store.setJob(row.id, jobID: row.jobID!)
            return row
        }
    }

    struct MoveBody: StrictDecodable {
        static let allowedFields: Set<String> = ["scheduled_at"]
        var scheduledAt: String?
        enum CodingKeys: String, CodingKey { case scheduledAt = "scheduled_at" }

        /// The new time, or 422 naming `scheduled_at` (`ifMissing` when it was not given).
        func time(ifMissing: String) throws(APIError) -> Date {
            switch ScheduledTime.parse(scheduledAt ?? "") {
            case .success(let parsed): return parsed
            case .failure(let problem): throw APIError.validation(["scheduled_at": scheduledAt == nil ? ifMissing : problem.message])
            }
        }
    }
}
