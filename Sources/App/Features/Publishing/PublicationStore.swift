import Foundation
import Instagram
import Postgres

/// Every statement of publishing: `instagram_publications`.
struct PublicationStore {
    let db: PostgresConnection

    /// Stores a post asked for (`queued`, `scheduled` with its time, or a `draft`). With an `Idempotency-Key` already used by
    /// this API user nothing is stored and nil is returned (the caller answers with the first post).
    func insert(userID: Int64, accountID: Int64, post: PostRequest, idempotencyKey: String?) throws -> Publication? {
        let tags = String(decoding: try JSONEncoder().encode(post.hashtags), as: UTF8.self)
        let state = post.initialState
        return try db.queryOne("""
            INSERT INTO instagram_publications (user_id, account_id, image_url, caption, hashtags, state, scheduled_at,
                                                idempotency_key, request_hash, media_type, media)
            VALUES (\(userID), \(accountID), \(post.imageURL), \(post.caption), \(tags)::jsonb, \(state), \(post.scheduledAt),
                    \(idempotencyKey), \(post.fingerprint), \(post.mediaType), \(post.media?.json)::jsonb)
            ON CONFLICT (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING \(unsafeSQL: Publication.columns)
            """, as: Publication.self)
    }

    /// The post this API user made with an `Idempotency-Key`; nil for none.
    func find(idempotencyKey: String, userID: Int64) throws -> Publication? {
        try db.queryOne("""
            SELECT \(unsafeSQL: Publication.columns) FROM instagram_publications
            WHERE user_id = \(userID) AND idempotency_key = \(idempotencyKey)
            """, as: Publication.self)
    }

    func setJob(_ id: Int64, jobID: Int64) throws {
        try db.query("UPDATE instagram_publications SET job_id = \(jobID) WHERE id = \(id)")
    }

    /// One publication of this API user; nil for none (another user's is none too).
    func find(id: Int64, userID: Int64) throws -> Publication? {
        try db.queryOne("SELECT \(unsafeSQL: Publication.columns) FROM instagram_publications WHERE id = \(id) AND user_id = \(userID)",
                        as: Publication.self)
    }

    func find(id: Int64) throws -> Publication? {
        try db.queryOne("SELECT \(unsafeSQL: Publication.columns) FROM instagram_publications WHERE id = \(id)", as: Publication.self)
    }

    /// The post's job starts: `publishing`, only while `jobID` is still the post's job and the post is not
    /// published, cancelled or failed; nil otherwise (a retry or a moved schedule replaced the job, or it was cancelled).
    /// The same statement reads what the job needs next (`PublishClaim`): the account, its sealed token, and whether
    /// a usage pause of the account or of its flavour's app (`appIDs`) is in force.
    func claim(_ id: Int64, jobID: Int64, appIDs: [GraphFlavour: String]) throws -> PublishClaim? {
        try db.queryOne("""
            WITH claimed AS (
                UPDATE instagram_publications SET state = 'publishing', updated_at = now()
                WHERE id = \(id) AND job_id = \(jobID) AND state IN ('queued', 'scheduled', 'waiting_quota', 'publishing')
                RETURNING \(unsafeSQL: Publication.columns)
            )
            SELECT claimed.*, \(unsafeSQL: PublishClaim.accountColumns), a.sealed_token AS account__sealed_token,
                EXISTS (SELECT 1 FROM graph_usage g
                        WHERE g.subject IN ('app:' || CASE a.flavour WHEN 'instagram' THEN \(appIDs[.instagram] ?? "")::text
                                                                     ELSE \(appIDs[.facebook] ?? "")::text END,
                                            'account:' || a.ig_user_id)
                          AND g.paused_until > now()) AS account__paused
            FROM claimed
            LEFT JOIN instagram_accounts a ON a.id = claimed.account_id AND a.user_id = claimed.user_id
            LEFT JOIN graph_usage u ON u.subject = 'account:' || a.ig_user_id
            """, as: PublishClaim.self)
    }

    /// The container id, stored before anything is published with it.
    func setContainer(_ id: Int64, _ containerID: String?) throws {
        try db.query(containerStatement(id, containerID))
    }

    /// `setContainer`'s statement (a job runs it with its `container_created` event, `JobContext.event(_:along:)`).
    func containerStatement(_ id: Int64, _ containerID: String?) -> PostgresQuery {
        "UPDATE instagram_publications SET container_id = \(containerID), publish_requested_at = NULL, updated_at = now() WHERE id = \(id)"
    }

    /// Marks that `media_publish` is about to be called for the stored container (its outcome may be lost).
    /// The publish is about to be asked for; a story's `storiesBefore` are the account's live story ids read just
    /// before (nil: not a story, or the list could not be read), for an exact recovery (`PublishJob.publishedStory`).
    func markPublishRequested(_ id: Int64, storiesBefore: [String]? = nil) throws {
        try db.query("""
            UPDATE instagram_publications SET publish_requested_at = now(),
                stories_before = string_to_array(\(storiesBefore?.joined(separator: ",")), ','), updated_at = now()
            WHERE id = \(id)
            """)
    }

    func markPublished(_ id: Int64, mediaID: String, permalink: String?, shortcode: String?) throws {
        try db.query(publishedStatement(id, mediaID: mediaID, permalink: permalink, shortcode: shortcode))
    }

    /// `markPublished`'s statement (a job runs it with its completion, `JobContext.completeAlong`).
    func publishedStatement(_ id: Int64, mediaID: String, permalink: String?, shortcode: String?) -> PostgresQuery {
        """
        UPDATE instagram_publications SET state = 'published', media_id = \(mediaID), permalink = \(permalink),
            shortcode = \(shortcode), error_code = NULL, error_subcode = NULL, error_message = NULL,
            published_at = now(), updated_at = now()
        WHERE id = \(id)
        """
    }

    /// The state and Meta's code, subcode and a sentence of what to change (`failed`, or `waiting_quota` with why).
    func markProblem(_ id: Int64, state: String, code: Int?, subcode: Int?, message: String) throws {
        try db.query("""
            UPDATE instagram_publications SET state = \(state), error_code = \(code), error_subcode = \(subcode),
                error_message = \(message), updated_at = now()
            WHERE id = \(id) AND state <> 'published'
            """)
    }
}
