import Foundation
import Postgres

/// Drafts: stored and checked as any post, with no job until they are published.
extension PublicationStore {
    /// A draft's content replaced by an edit (already checked); nil when the post is not a draft.
    func updateDraft(_ id: Int64, userID: Int64, post: PostRequest) throws -> Publication? {
        let tags = String(decoding: try JSONEncoder().encode(post.hashtags), as: UTF8.self)
        return try db.queryOne("""
            UPDATE instagram_publications SET image_url = \(post.imageURL), caption = \(post.caption), hashtags = \(tags)::jsonb,
                media = \(post.media?.json)::jsonb, scheduled_at = \(post.scheduledAt), updated_at = now()
            WHERE id = \(id) AND user_id = \(userID) AND state = 'draft'
            RETURNING \(unsafeSQL: Publication.columns)
            """, as: Publication.self)
    }

    /// A draft released for publishing: `scheduled` at `time`, or `queued` for now (a job follows in the same
    /// transaction); nil when the post is not a draft.
    func releaseDraft(_ id: Int64, userID: Int64, at time: Date?) throws -> Publication? {
        let state = time == nil ? "queued" : "scheduled"
        return try db.queryOne("""
            UPDATE instagram_publications SET state = \(state), scheduled_at = \(time), job_generation = job_generation + 1,
                updated_at = now()
            WHERE id = \(id) AND user_id = \(userID) AND state = 'draft'
            RETURNING \(unsafeSQL: Publication.columns)
            """, as: Publication.self)
    }
}
