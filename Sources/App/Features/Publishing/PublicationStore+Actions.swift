import Foundation
import Postgres

/// What an API user does to posts: list them, retry a failed one, move or cancel a scheduled one.
extension PublicationStore {
    /// States a post can be listed by (`?state=`).
    static let states: Set<String> = ["draft", "scheduled", "queued", "waiting_quota", "publishing", "published", "failed", "cancelled"]

    /// One page of this API user's posts, newest first: at most `limit` with ids below `before` (the previous page's
    /// last id), filtered by account and state when given.
    func list(userID: Int64, accountID: Int64?, state: String?, before: Int64?, limit: Int) throws -> [Publication] {
        try db.query("""
            SELECT \(unsafeSQL: Publication.columns) FROM instagram_publications
            WHERE user_id = \(userID)
              AND (\(accountID)::bigint IS NULL OR account_id = \(accountID))
              AND (\(state)::text IS NULL OR state = \(state))
              AND (\(before)::bigint IS NULL OR id < \(before))
            ORDER BY id DESC LIMIT \(limit)
            """, as: Publication.self)
    }

    /// A failed post back to `queued` for a new job: Meta's error cleared, the container kept only when a publish
    /// was asked for with it (its status then decides whether the post is live already). Nil when it is not failed.
    func resetForRetry(_ id: Int64, userID: Int64) throws -> Publication? {
        try db.queryOne("""
            UPDATE instagram_publications SET state = 'queued', error_code = NULL, error_subcode = NULL, error_message = NULL,
                container_id = CASE WHEN publish_requested_at IS NULL THEN NULL ELSE container_id END,
                scheduled_at = NULL, job_generation = job_generation + 1, updated_at = now()
            WHERE id = \(id) AND user_id = \(userID) AND state = 'failed'
            RETURNING \(unsafeSQL: Publication.columns)
            """, as: Publication.self)
    }

    /// A scheduled post moved to `time` (a new job follows); nil when it is not scheduled.
    func reschedule(_ id: Int64, userID: Int64, to time: Date) throws -> Publication? {
        try db.queryOne("""
            UPDATE instagram_publications SET scheduled_at = \(time), job_generation = job_generation + 1, updated_at = now()
            WHERE id = \(id) AND user_id = \(userID) AND state = 'scheduled'
            RETURNING \(unsafeSQL: Publication.columns)
            """, as: Publication.self)
    }

    /// A draft or scheduled post cancelled (the row stays, `cancelled`); nil when it is in another state.
    func cancel(_ id: Int64, userID: Int64) throws -> Publication? {
        try db.queryOne("""
            UPDATE instagram_publications SET state = 'cancelled', updated_at = now()
            WHERE id = \(id) AND user_id = \(userID) AND state IN ('draft', 'scheduled')
            RETURNING \(unsafeSQL: Publication.columns)
            """, as: Publication.self)
    }
}
