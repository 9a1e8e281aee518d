import DownloadEngine
import Foundation
import Jobs
import Observability
import Postgres

/// The recurring retention cleanup of the downloader (run by `instagate work`): removes download rows older than
/// the retention, then the files of every post no row references any more. A post's directory is removed only
/// while holding its advisory lock (`DownloadLocks`) without waiting, so a download being written is
/// never touched; a post still referenced by a younger download keeps its files.
final class DownloadRetentionJob: JobHandler {
    static let name = "download_retention"
    let settings: DownloadSettings

    init(settings: DownloadSettings) {
        self.settings = settings
    }

    /// The recurring kind: every 10 minutes.
    static func kind(settings: DownloadSettings) -> JobKind {
        JobKind(name: name, recurringInterval: 600) { DownloadRetentionJob(settings: settings) }
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        let db = context.connection
        let expired = try DownloadStore(db: db).deleteFinished(olderThan: settings.retention)
        var removed = 0
        let storage = DownloadStorage(settings: settings)
        for shortcode in Set(expired + storage.postDirectories(olderThan: settings.retention))
        where try removeIfUnreferenced(shortcode, db: db) {
            removed += 1
        }
        for shortcode in storage.partialDirectories(olderThan: settings.retention) where try removeStalePartial(shortcode, db: db) {
            removed += 1
        }
        context.logger.info("download retention", metadata: [.rows: "\(expired.count)", .directories: "\(removed)"])
        return "{\"rows\":\(expired.count),\"directories\":\(removed)}"
    }

    /// Removes a stale partial directory unless someone holds the post's lock (is writing it).
    func removeStalePartial(_ shortcode: String, db: PostgresConnection) throws -> Bool {
        let locks = DownloadLocks(db: db)
        guard try locks.tryLock(shortcode) else { return false }
        defer { locks.unlock(shortcode) }
        try DownloadStorage(settings: settings).removePartial(shortcode)
        return true
    }

    /// Removes the post's directory when no row references it and no one is writing it.
    func removeIfUnreferenced(_ shortcode: String, db: PostgresConnection) throws -> Bool {
        let locks = DownloadLocks(db: db)
        guard try locks.tryLock(shortcode) else { return false }
        defer { locks.unlock(shortcode) }
        guard try !DownloadStore(db: db).isReferenced(shortcode: shortcode) else { return false }
        return try DownloadStorage(settings: settings).removePost(shortcode)
    }
}
