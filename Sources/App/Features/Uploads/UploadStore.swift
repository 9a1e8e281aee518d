import Foundation
import Postgres

/// Every statement of uploads: `instagram_uploads`.
struct UploadStore {
    let db: PostgresConnection

    /// Records a checked file, kept until `expiresAt`.
    func insert(token: String, userID: Int64, mediaType: String, fileName: String, size: Int64, expiresAt: Date) throws -> Upload {
        try db.queryExactlyOne("""
            INSERT INTO instagram_uploads (token, user_id, media_type, file_name, size, expires_at)
            VALUES (\(token), \(userID), \(mediaType), \(fileName), \(size), \(expiresAt))
            RETURNING \(unsafeSQL: Upload.columns)
            """, as: Upload.self)
    }

    /// One live upload of this API user; nil for none (another user's, or an expired one, is none too).
    func find(token: String, userID: Int64) throws -> Upload? {
        try db.queryOne("""
            SELECT \(unsafeSQL: Upload.columns) FROM instagram_uploads
            WHERE token = \(token) AND user_id = \(userID) AND expires_at > now()
            """, as: Upload.self)
    }

    /// Forgets one upload of this API user; the row it was, nil for none.
    func delete(token: String, userID: Int64) throws -> Upload? {
        try db.queryOne("""
            DELETE FROM instagram_uploads WHERE token = \(token) AND user_id = \(userID)
            RETURNING \(unsafeSQL: Upload.columns)
            """, as: Upload.self)
    }

    /// Forgets uploads past their expiry (at most `limit`) that no post of their user which has not ended names
    /// (its `image_url` or `media` holds the upload's `/uploads/TOKEN/` URL), returning them so their files can go.
    func deleteExpired(limit: Int) throws -> [Upload] {
        try db.query("""
            DELETE FROM instagram_uploads WHERE id IN (
                SELECT u.id FROM instagram_uploads u
                WHERE u.expires_at <= now() AND NOT EXISTS (
                    SELECT 1 FROM instagram_publications p
                    WHERE p.user_id = u.user_id AND p.state NOT IN ('published', 'failed', 'cancelled')
                      AND (strpos(p.image_url, '/uploads/' || u.token || '/') > 0
                           OR strpos(coalesce(p.media::text, ''), '/uploads/' || u.token || '/') > 0))
                ORDER BY u.expires_at LIMIT \(limit)
                FOR UPDATE OF u SKIP LOCKED)
            RETURNING \(unsafeSQL: Upload.columns)
            """, as: Upload.self)
    }
}

extension UploadStore {
    /// A live upload of this API user, kept at least `until` (the time its post may still be fetched by Meta); nil for none.
    func keep(token: String, userID: Int64, until: Date) throws -> Upload? {
        try db.queryOne("""
            UPDATE instagram_uploads SET expires_at = greatest(expires_at, \(until))
            WHERE token = \(token) AND user_id = \(userID) AND expires_at > now()
            RETURNING \(unsafeSQL: Upload.columns)
            """, as: Upload.self)
    }

    /// An upload of this API user kept at least `until`, past its expiry or not (a post that has not ended kept it
    /// from the cleanup job, and is now released for publishing); nil when it was removed.
    func renew(token: String, userID: Int64, until: Date) throws -> Upload? {
        try db.queryOne("""
            UPDATE instagram_uploads SET expires_at = greatest(expires_at, \(until))
            WHERE token = \(token) AND user_id = \(userID)
            RETURNING \(unsafeSQL: Upload.columns)
            """, as: Upload.self)
    }
}
