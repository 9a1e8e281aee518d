import Jobs
import Postgres
import Web

/// Queues a follower analysis for an API user: the job and its sealed cookies, in one transaction. Shared by
/// `POST /api/analyze` and `instagate analyze`.
///
/// One job per API user and `session_id` (whatever the `csrf_token`), as the earlier service had it: while a job
/// of the session is queued, running, or finished and not yet cleaned up (`INSTAGATE_ANALYSIS_CLEANUP_SECONDS`),
/// that job is returned instead. A cancelled job does not count: the new one replaces it.
struct AnalysisEnqueuer {
    let db: PostgresConnection
    let box: SecretBox

    /// The job and whether it was created (false: the session's existing job).
    func enqueue(_ request: AnalysisRequest, ownerID: Int64) throws -> (job: Job, created: Bool) {
        try request.validate()
        let jobID = request.jobID
        let uniqueKey = request.uniqueKey(ownerID: ownerID)
        let cookies = JobJSON.encode(AnalysisCookies(sessionID: request.sessionID, csrfToken: request.csrfToken))
        return try db.transaction { tx throws -> (Job, Bool) in
            let jobs = AnalysisJobs(db: tx)
            if let existing = try jobs.existing(ownerID: ownerID, uniqueKey: uniqueKey, publicID: jobID) {
                return (existing, false)
            }
            // A cancelled job with the same id gives way, so that an id names one job.
            try jobs.removeCancelled(ownerID: ownerID, publicID: jobID)
            let (job, created) = try JobQueue(connection: tx).enqueue(JobRequest(
                kind: AnalysisRequest.kind, ownerID: ownerID, publicID: jobID, uniqueKey: uniqueKey,
                args: JobJSON.encode(request.args), maxAttempts: 5))
            if created {
                try AnalysisStore(db: tx).saveSecret(jobID: job.id, sealed: box.seal(cookies, context: AnalysisCookies.context(job.id)))
            }
            return (job, created)
        }
    }
}
