import Foundation
import Jobs
import Observability

/// The recurring removal of expired Instagram sessions (run by `instagate work` every 10 minutes): a session
/// lives INSTAGATE_SESSION_EXPIRY_HOURS after it was saved or last used. Expired sessions are never used or
/// listed even before this runs; it only frees their rows (and their sealed cookies).
final class SessionCleanupJob: JobHandler {
    static let name = "session_cleanup"

    /// The recurring kind.
    static func kind(interval: Double = 600) -> JobKind {
        JobKind(name: name, recurringInterval: interval) { SessionCleanupJob() }
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        let removed = try InstagramSessionStore.deleteExpired(db: context.connection)
        context.logger.info("expired instagram sessions removed", metadata: [.rows: "\(removed)"])
        return "{\"sessions\":\(removed)}"
    }
}
