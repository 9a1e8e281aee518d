import Foundation
import Postgres

/// Every statement of publishing: `instagram_publications`.
struct PublicationStore {
    let db: PostgresConnection

    func insert(userID: Int64, accountID: Int64, imageURL: String, caption: String, hashtags: [String]) throws -> Publication {
        let tags = String(decoding: try JSONEncoder().encode(hashtags), as: UTF8.self)
        return try db.queryExactlyOne("""
            INSERT INTO instagram_publications (user_id, account_id, image_url, caption, hashtags)
            VALUES (\(userID), \(accountID), \(imageURL), \(caption), \(tags)::jsonb)
            RETURNING \(unsafeSQL: Publication.columns)
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

    func setState(_ id: Int64, _ state: String) throws {
        try db.query("UPDATE instagram_publications SET state = \(state), updated_at = now() WHERE id = \(id) AND state <> 'published'")
    }

    /// The container id, stored before anything is published with it.
    func setContainer(_ id: Int64, _ containerID: String?) throws {
        try db.query("""
            UPDATE instagram_publications SET container_id = \(containerID), publish_requested_at = NULL, updated_at = now() WHERE id = \(id)
            """)
    }

    /// Marks that `media_publish` is about to be called for the stored container (its outcome may be lost).
    func markPublishRequested(_ id: Int64) throws {
        try db.query("UPDATE instagram_publications SET publish_requested_at = now(), updated_at = now() WHERE id = \(id)")
    }

    func markPublished(_ id: Int64, mediaID: String, permalink: String?, shortcode: String?) throws {
        try db.query("""
            UPDATE instagram_publications SET state = 'published', media_id = \(mediaID), permalink = \(permalink),
                shortcode = \(shortcode), error_code = NULL, error_subcode = NULL, error_message = NULL,
                published_at = now(), updated_at = now()
            WHERE id = \(id)
            """)
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
