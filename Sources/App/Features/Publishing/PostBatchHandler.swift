import Foundation
import Web

/// `POST /api/sns/instagram/posts` with `account_ids`: the post checked once, every account checked before
/// anything is stored (another user's or no account: 404 naming each `account_ids[i]`; one to reconnect: 409 naming
/// it), then one row and one job per account in one transaction: 202 listing the posts. An `Idempotency-Key` is
/// the batch's: the same request again answers the same posts (`Idempotent-Replayed: true`).
enum PostBatchHandler {
    static func create(_ post: PostRequest, idempotencyKey key: String?, _ context: UserContext) throws -> HTTPResponse {
        let db = try context.database()
        if let key, let answer = try replay(key, of: post, PublicationStore(db: db), userID: context.user.id) { return answer }
        try checkAccounts(post.accountIDs, context)
        let stored = try db.transaction { tx -> (Int64, [Publication])? in
            let store = PublicationStore(db: tx)
            guard let batch = try store.insertBatch(userID: context.user.id, idempotencyKey: key, requestHash: post.fingerprint) else { return nil }
            try UploadReferences.keep(post.uploadTokens, for: post.scheduledAt,
                                      lifetime: context.thread.configuration.publishing.uploadLifetime, userID: context.user.id, db: tx)
            let rows = try post.accountIDs.map { accountID in
                var row = try store.insert(userID: context.user.id, accountID: accountID, post: post, batchID: batch)
                if !post.isDraft {
                    row.jobID = try PublishJob.enqueue(row, db: tx)
                    try store.setJob(row.id, jobID: row.jobID!)
                }
                return row
            }
            return (batch, rows)
        }
        guard let (batch, rows) = stored else {
            // Another request with the same key stored its batch first.
            guard let key, let answer = try replay(key, of: post, PublicationStore(db: db), userID: context.user.id) else { throw APIError.internalError }
            return answer
        }
        context.logger.info("batch of posts queued", metadata: [.count: "\(rows.count)"])
        return .json(BatchJSON(batchID: batch, rows: rows), status: .accepted)
    }

    /// Every account is this API user's and connected, or nothing is stored: 404 naming each unknown one, else 409
    /// naming each to connect again.
    static func checkAccounts(_ ids: [Int64], _ context: UserContext) throws {
        let accounts = try context.thread.connectedAccounts()
        var missing: [String: String] = [:]
        var disconnected: [String: String] = [:]
        for (index, id) in ids.enumerated() {
            guard let account = try accounts.account(id: id, userID: context.user.id) else {
                missing["account_ids[\(index)]"] = "no connected account of yours has id \(id)"
                continue
            }
            if !account.isConnected { disconnected["account_ids[\(index)]"] = "@\(account.username)'s token no longer works: connect it again" }
        }
        if !missing.isEmpty {
            throw APIError(.notFound, "NOT_FOUND", "No connected account of this user has the ids named in errors; nothing was stored.", errors: missing)
        }
        if !disconnected.isEmpty {
            throw APIError(.conflict, "RECONNECT_REQUIRED", "The accounts named in errors must be connected again; nothing was stored.", errors: disconnected)
        }
    }

    /// The answer to a batch request whose `Idempotency-Key` was used before: the first batch's posts, or a refusal
    /// when this request differs (or the key made a single post); nil when the key is new.
    static func replay(_ key: String, of post: PostRequest, _ store: PublicationStore, userID: Int64) throws -> HTTPResponse? {
        if let single = try store.find(idempotencyKey: key, userID: userID) { throw PublishingError.idempotencyKeyReused(postID: single.id) }
        guard let batch = try store.findBatch(idempotencyKey: key, userID: userID) else { return nil }
        let rows = try store.posts(batchID: batch.id)
        guard batch.requestHash == post.fingerprint else { throw PublishingError.idempotencyKeyReused(postID: rows.first?.id ?? 0) }
        var answer = HTTPResponse.json(BatchJSON(batchID: batch.id, rows: rows), status: .accepted)
        answer.headers["Idempotent-Replayed"] = "true"
        return answer
    }

    /// A single post's `Idempotency-Key` that a batch used before is refused (a different request).
    static func refuseKeyOfABatch(_ key: String, _ store: PublicationStore, userID: Int64) throws {
        guard let batch = try store.findBatch(idempotencyKey: key, userID: userID) else { return }
        throw PublishingError.idempotencyKeyReused(postID: try store.posts(batchID: batch.id).first?.id ?? 0)
    }

    /// The answer: the batch's id and its posts, one per account in the order asked.
    struct BatchJSON: Encodable {
        var success = true
        var batchID: Int64
        var count: Int
        var posts: [PublicationJSON]

        init(batchID: Int64, rows: [Publication]) {
            self.batchID = batchID
            count = rows.count
            posts = rows.map { PublicationJSON($0, listed: true) }
        }

        enum CodingKeys: String, CodingKey { case success, count, posts, batchID = "batch_id" }
    }
}
