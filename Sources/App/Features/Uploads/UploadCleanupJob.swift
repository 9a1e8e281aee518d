import Foundation
import Jobs
import Observability

/// The recurring removal of expired uploads (`upload_cleanup`, every `INSTAGATE_UPLOAD_CLEANUP_INTERVAL`): their
/// rows and files, a batch at a time, except those a post that has not ended yet (draft, scheduled, queued,
/// waiting for quota, publishing) still names, which are kept until it ends. Expired uploads are never shown or
/// named in a new post even before this runs.
final class UploadCleanupJob: JobHandler {
    static let name = "upload_cleanup"
    /// Uploads removed per statement; a run repeats until none is left.
    static let batch = 100

    let home: String

    init(home: String) { self.home = home }

    static func kind(configuration: AppConfiguration) -> JobKind {
        JobKind(name: name, recurringInterval: configuration.publishing.uploadCleanupInterval) { UploadCleanupJob(home: configuration.home) }
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        let store = UploadStore(db: context.connection)
        let files = UploadFiles(home: home)
        var removed = 0
        while true {
            let expired = try store.deleteExpired(limit: UploadCleanupJob.batch)
            for upload in expired { files.remove(upload.token) }
            removed += expired.count
            if expired.count < UploadCleanupJob.batch { break }
        }
        if removed > 0 { context.logger.info("expired uploads removed", metadata: [.rows: "\(removed)"]) }
        return "{\"uploads\":\(removed)}"
    }
}
