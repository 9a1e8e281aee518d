import Foundation
import Postgres

/// A post to several accounts (`instagram_publication_batches`): the batch row with the request's key and
/// fingerprint, then one post row per account.
extension PublicationStore {
    /// A request's batch row; nil when this API user already used `idempotencyKey` for a batch (nothing stored).
    func insertBatch(userID: Int64, idempotencyKey: String?, requestHash: String) throws -> Int64? {
        try db.query("""
            INSERT INTO instagram_publication_batches (user_id, idempotency_key, request_hash)
            VALUES (\(userID), \(idempotencyKey), \(requestHash))
            ON CONFLICT (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING id
            """).first?.decode("id", as: Int64.self)
    }

    /// The batch this API user made with an `Idempotency-Key`: its id and request fingerprint; nil for none.
    func findBatch(idempotencyKey: String, userID: Int64) throws -> (id: Int64, requestHash: String)? {
        guard let row = try db.query("""
            SELECT id, request_hash FROM instagram_publication_batches WHERE user_id = \(userID) AND idempotency_key = \(idempotencyKey)
            """).first else { return nil }
        return (try row.decode("id", as: Int64.self), try row.decode("request_hash", as: String.self))
    }

    /// The posts of a batch, in the order of its `account_ids`.
    func posts(batchID: Int64) throws -> [Publication] {
        try db.query("SELECT \(unsafeSQL: Publication.columns) FROM instagram_publications WHERE batch_id = \(batchID) ORDER BY id",
                     as: Publication.self)
    }

    /// One post of a batch: `draft`, `queued`, or `scheduled` with its time (its job follows in the same transaction).
    func insert(userID: Int64, accountID: Int64, post: PostRequest, batchID: Int64) throws -> Publication {
        let tags = String(decoding: try JSONEncoder().encode(post.hashtags), as: UTF8.self)
        return try db.queryExactlyOne("""
            INSERT INTO instagram_publications (user_id, account_id, image_url, caption, hashtags, state, scheduled_at, batch_id,
                                                media_type, media)
            VALUES (\(userID), \(accountID), \(post.imageURL), \(post.caption), \(tags)::jsonb, \(post.initialState), \(post.scheduledAt),
                    \(batchID), \(post.mediaType), \(post.media?.json)::jsonb)
            RETURNING \(unsafeSQL: Publication.columns)
            """, as: Publication.self)
    }
}

extension PostRequest {
    /// The state a new post is stored in: a draft, scheduled with its time, or queued for now.
    var initialState: String { isDraft ? "draft" : (scheduledAt == nil ? "queued" : "scheduled") }
}
