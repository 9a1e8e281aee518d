import Foundation
import Instagram
import Jobs
import Postgres

/// All SQL of profile, stories and highlight downloads: their jobs (kind `collection_download`), the profiles
/// downloaded (metadata, stored picture, incremental watermark) and the watches.
struct ProfileStore {
    let db: PostgresConnection

    /// What was kept of a profile's last download for this API user.
    struct ProfileRecord: PostgresRecord {
        var pictureCode: String?
        var picturePath: String?
        var newestTakenAt: Date?

        init(row: PostgresRow) throws(PostgresError) {
            pictureCode = try row.decodeIfPresent("picture_code")
            picturePath = try row.decodeIfPresent("picture_path")
            newestTakenAt = try row.decodeIfPresent("newest_taken_at")
        }
    }

    /// Queues a collection job; with a live job for the same user and target, that one is returned (`created` false).
    func enqueue(_ arguments: CollectionDownloadJob.Arguments, target: CollectionURL, runAt: Date? = nil) throws -> (job: Job, created: Bool) {
        let key = arguments.watchID.map { "watch:\($0)" } ?? "collection:\(arguments.userID):\(target.canonicalURL)"
        let publicID = Self.newPublicID()
        return try JobQueue(connection: db).enqueue(JobRequest(
            kind: CollectionDownloadJob.name, ownerID: arguments.userID, publicID: publicID, uniqueKey: key,
            args: String(decoding: try JSONEncoder().encode(arguments), as: UTF8.self), maxAttempts: 3, runAt: runAt))
    }

    /// The owner's collection job with that public id (16 lowercase hex); nil for anything else.
    func findJob(publicID: String, ownerID: Int64) throws -> Job? {
        guard AnalysisJobs.isJobID(publicID) else { return nil }
        return try db.queryOne("""
            SELECT \(unsafeSQL: Job.columns) FROM jobs
            WHERE owner_id = \(ownerID) AND public_id = \(publicID) AND kind = \(CollectionDownloadJob.name)
            ORDER BY created_at DESC, id DESC LIMIT 1
            """, as: Job.self)
    }

    /// The profile's record for this user, nil before its first download.
    func profile(userID: Int64, pk: String) throws -> ProfileRecord? {
        try db.queryOne("""
            SELECT picture_code, picture_path, newest_taken_at FROM profile_downloads
            WHERE user_id = \(userID) AND profile_pk = \(pk)
            """, as: ProfileRecord.self)
    }

    /// Records a profile download; `newestTakenAt` (a complete run's newest post) moves the watermark forward only.
    func saveProfile(userID: Int64, profile: InstagramProfile, pictureCode: String?, picturePath: String?,
                     newestTakenAt: Date?) throws {
        let json = String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
        try db.query("""
            INSERT INTO profile_downloads (user_id, profile_pk, username, profile, picture_code, picture_path, newest_taken_at)
            VALUES (\(userID), \(profile.id), \(profile.username), \(json)::jsonb, \(pictureCode.bound), \(picturePath.bound),
                    \(newestTakenAt.bound)::timestamptz)
            ON CONFLICT (user_id, profile_pk) DO UPDATE SET username = EXCLUDED.username, profile = EXCLUDED.profile,
                picture_code = coalesce(EXCLUDED.picture_code, profile_downloads.picture_code),
                picture_path = coalesce(EXCLUDED.picture_path, profile_downloads.picture_path),
                newest_taken_at = greatest(profile_downloads.newest_taken_at, EXCLUDED.newest_taken_at), updated_at = now()
            """)
    }

    /// Whether this user has a completed download of the shortcode whose files are all on disk.
    func hasCompleted(userID: Int64, shortcode: String) throws -> Bool {
        try DownloadStore(db: db).find(userID: userID, shortcode: shortcode)?.state == "completed"
    }

    /// 16 lowercase hex characters.
    static func newPublicID() -> String {
        (0..<8).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}
