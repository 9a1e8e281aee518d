import Foundation
import Jobs
import Postgres
import Web

/// `GET /api/queue`, `GET /api/jobs`, `DELETE /api/job/{job_id}`, `GET /api/debug/{job_id}`, `POST /api/cleanup`.
enum JobsHandler {
    struct JobSummary: Encodable {
        var jobID: String
        var status: String
        var username: String?
        var attempts: Int
        var createdAt: Date
        var finishedAt: Date?
        var progress: JSONValue
        var error: String?
        enum CodingKeys: String, CodingKey {
            case status, username, attempts, progress, error
            case jobID = "job_id", createdAt = "created_at", finishedAt = "finished_at"
        }

        init(_ job: Job) {
            jobID = job.publicID ?? ""
            status = job.state.rawValue
            username = JobJSON.decode(AnalysisResultSummary.self, from: job.result)?.username
                ?? JobJSON.decode(AnalysisArgs.self, from: job.args)?.username
            attempts = job.attempts
            createdAt = job.createdAt
            finishedAt = job.finishedAt
            progress = JobJSON.decode(JSONValue.self, from: job.progress) ?? .object([:])
            error = job.lastErrorCode
        }
    }

    @Sendable static func queue(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {

        let counts = try JobQueue(connection: try context.database()).counts(kind: AnalysisRequest.kind)
        return .json(["success": JSONValue.bool(true), "running": .int(counts.running), "queued": .int(counts.queued),
                      "cap": .int(context.configuration.jobs.analysisMaxRunning),
                      "per_user_cap": .int(context.configuration.jobs.analysisPerUser)])
    }

    @Sendable static func jobs(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let jobs = try AnalysisJobs(db: try context.database()).list(ownerID: user.id)
        struct Listed: Encodable { var success = true; var jobs: [JobSummary] }
        return .json(Listed(jobs: jobs.map(JobSummary.init)))
    }

    /// Cancels a queued or running job; removes a finished one.
    @Sendable static func delete(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let db = try context.database()
        let job = try AnalysisHandler.findJob(request, user: user, db: db)
        let queue = JobQueue(connection: db)
        switch try queue.requestCancel(jobID: job.id) {
        case .cancelled:
            try AnalysisStore(db: db).forget(jobID: job.id)
            return .json(["success": JSONValue.bool(true), "job_id": .string(job.publicID ?? ""), "status": "cancelled"])
        case .requested:
            return .json(["success": JSONValue.bool(true), "job_id": .string(job.publicID ?? ""), "status": "cancelling",
                          "message": "The worker stops the job within a few seconds."], status: .accepted)
        case .alreadyFinished:
            _ = try queue.remove(jobID: job.id, ownerID: user.id)
            return .json(["success": JSONValue.bool(true), "job_id": .string(job.publicID ?? ""), "deleted": true])
        case .notFound:
            throw APIError(.notFound, "JOB_NOT_FOUND", "No job with that id.")
        }
    }

    @Sendable static func debug(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let db = try context.database()
        let job = try AnalysisHandler.findJob(request, user: user, db: db)
        struct Debug: Encodable {
            var success = true
            var job: JobSummary
            var maxAttempts: Int
            var runAt: Date
            var worker: String?
            var lastError: String?
            var checkpoint: JSONValue?
            var events: [JobEventJSON]
            enum CodingKeys: String, CodingKey {
                case success, job, worker, checkpoint, events
                case maxAttempts = "max_attempts", runAt = "run_at", lastError = "last_error"
            }
        }
        return .json(Debug(job: JobSummary(job), maxAttempts: job.maxAttempts, runAt: job.runAt, worker: job.leaseOwner,
                           lastError: job.lastError, checkpoint: JobJSON.decode(JSONValue.self, from: job.checkpoint),
                           events: try AnalysisJobs(db: db).events(jobID: job.id)))
    }

    @Sendable static func cleanup(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let removed = try JobQueue(connection: try context.database()).removeFinished(olderThan: 0, ownerID: user.id)
        return .json(["success": JSONValue.bool(true), "removed": .int(removed)])
    }
}
