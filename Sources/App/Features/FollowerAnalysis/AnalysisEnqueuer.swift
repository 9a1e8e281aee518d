import Jobs
import Postgres
import Web

/// Queues a follower analysis for an API user: the job (one live job per cookie pair and user) and its
/// sealed cookies, in one transaction. Shared by `POST /api/analyze` and `instagate analyze`.
struct AnalysisEnqueuer {
    let db: PostgresConnection
    let box: SecretBox

    /// The job and whether it was created (false: a job for the same pair is queued or running; that one).
    func enqueue(_ request: AnalysisRequest, ownerID: Int64) throws -> (job: Job, created: Bool) {
        try request.validate()
        let jobID = request.jobID
        let cookies = JobJSON.encode(AnalysisCookies(sessionID: request.sessionID, csrfToken: request.csrfToken))
        return try db.transaction { tx throws -> (Job, Bool) in
            let (job, created) = try JobQueue(connection: tx).enqueue(JobRequest(
                kind: AnalysisRequest.kind, ownerID: ownerID, publicID: jobID, uniqueKey: "analysis:\(ownerID):\(jobID)",
                args: JobJSON.encode(AnalysisArgs(username: request.username)), maxAttempts: 5))
            if created {
                try AnalysisStore(db: tx).saveSecret(jobID: job.id, sealed: box.seal(cookies, context: AnalysisCookies.context(job.id)))
            }
            return (job, created)
        }
    }
}
