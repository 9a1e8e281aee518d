import Foundation
import Jobs
import Observability

/// The recurring cleanup of follower-analysis jobs (run by `instagate work`): a job is removed
/// `INSTAGATE_ANALYSIS_CLEANUP_SECONDS` (default 300, the earlier service's 5 minutes) after it finished, so the
/// same session can be analysed again. Its snapshot stays (`/api/analyses/{username}/changes` reads it).
final class AnalysisCleanupJob: JobHandler {
    static let name = "analysis.cleanup"
    let seconds: Double

    init(seconds: Double) {
        self.seconds = seconds
    }

    /// The recurring kind: every tenth of the delay, between 1 s and a minute.
    static func kind(seconds: Double) -> JobKind {
        JobKind(name: name, recurringInterval: min(60, max(1, seconds / 10))) { AnalysisCleanupJob(seconds: seconds) }
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        let removed = try AnalysisJobs(db: context.connection).removeFinished(olderThan: seconds)
        if removed > 0 { context.logger.info("removed finished analyses", metadata: [.count: "\(removed)"]) }
        return "{\"removed\":\(removed)}"
    }
}
