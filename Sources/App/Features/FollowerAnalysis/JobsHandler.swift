import Foundation
import Jobs
import Postgres
import Web

/// `GET /api/queue`, `GET /api/jobs`, `DELETE /api/job/{job_id}`, `GET /api/debug/{job_id}`, `POST /api/cleanup`:
/// instagate's fields and the earlier service's (seed 003) side by side.
enum JobsHandler {
    /// One job in `GET /api/jobs` (keyed by its id) and `GET /api/debug/{job_id}` (as `job`).
    struct JobSummary: Encodable {
        var jobID: String
        var status: String
        var state: String
        var username: String?
        var attempts: Int
        var createdAt: Int
        var createdAtISO: Date
        var finishedAt: Date?
        var positionInQueue: Int
        var progress: JSONValue
        var error: String?
        enum CodingKeys: String, CodingKey {
            case status, state, username, attempts, progress, error
            case jobID = "job_id", createdAt = "created_at", createdAtISO = "created_at_iso", finishedAt = "finished_at"
            case positionInQueue = "position_in_queue"
        }

        init(_ job: Job, position: Int?) {
            jobID = job.publicID ?? ""
            status = AnalysisVocabulary.status(job.state)
            state = job.state.rawValue
            username = JobJSON.decode(AnalysisResultSummary.self, from: job.result)?.username
                ?? JobJSON.decode(AnalysisArgs.self, from: job.args)?.username
            attempts = job.attempts
            createdAt = AnalysisVocabulary.unixSeconds(job.createdAt)
            createdAtISO = job.createdAt
            finishedAt = job.finishedAt
            positionInQueue = AnalysisVocabulary.positionInQueue(position)
            progress = JobJSON.decode(JSONValue.self, from: job.progress) ?? .object([:])
            error = job.lastErrorCode
        }
    }

    /// Analyses running and queued (all users), the caps, and the caller's running sessions (masked) and job count.
    @Sendable static func queue(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let db = try context.database()
        let counts = try JobQueue(connection: db).counts(kind: AnalysisRequest.kind)
        let jobs = AnalysisJobs(db: db)
        let labels = try jobs.runningSessionLabels(ownerID: context.user.id)
        return .json([
            "success": JSONValue.bool(true), "running": .int(counts.running), "queued": .int(counts.queued),
            "cap": .int(context.configuration.jobs.analysisMaxRunning),
            "per_user_cap": .int(context.configuration.jobs.analysisPerUser),
            "active_sessions": .int(counts.running), "max_concurrent": .int(context.configuration.jobs.analysisMaxRunning),
            "queued_jobs": .int(counts.queued), "active_session_ids": .array(labels.map { .string($0) }),
            "total_jobs_in_memory": .int(try jobs.count(ownerID: context.user.id)),
        ])
    }

    /// The caller's jobs as the earlier service's object keyed by job id (`jobs`), and as a list (`items`, newest first).
    @Sendable static func jobs(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let db = try context.database()
        let queue = JobQueue(connection: db)
        let jobs = try AnalysisJobs(db: db).list(ownerID: context.user.id)
        let summaries = try jobs.map { job in JobSummary(job, position: try queue.queuePosition(of: job)) }
        let counts = try queue.counts(kind: AnalysisRequest.kind)
        struct Listed: Encodable {
            var success = true
            var jobs: [String: JobSummary]
            var items: [JobSummary]
            var totalJobs: Int
            var activeSessionsCount: Int
            var queueLength: Int
            enum CodingKeys: String, CodingKey {
                case success, jobs, items, totalJobs = "total_jobs", activeSessionsCount = "active_sessions_count"
                case queueLength = "queue_length"
            }
        }
        // Newest first wins should two rows ever share an id (the enqueuer keeps one job per id).
        let keyed = Dictionary(summaries.map { ($0.jobID, $0) }) { newer, _ in newer }
        return .json(Listed(jobs: keyed, items: summaries, totalJobs: keyed.count, activeSessionsCount: counts.running,
                            queueLength: counts.queued))
    }

    /// Cancels a queued or running job; removes a finished one. Answers the earlier service's `message`,
    /// `deleted_job_status` and `remaining_jobs` beside instagate's fields.
    @Sendable static func delete(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let db = try context.database()
        let job = try AnalysisHandler.findJob(request, user: user, db: db)
        let queue = JobQueue(connection: db)
        var body: [String: JSONValue] = ["success": true, "job_id": .string(job.publicID ?? ""),
                                         "deleted_job_status": .string(AnalysisVocabulary.status(job.state))]
        var status = HTTPStatus.ok
        switch try queue.requestCancel(jobID: job.id) {
        case .cancelled:
            try AnalysisStore(db: db).forget(jobID: job.id)
            body["status"] = "cancelled"
            body["message"] = "Job cancelled before it started."
        case .requested:
            body["status"] = "cancelling"
            body["message"] = "The worker stops the job within a few seconds."
            status = .accepted
        case .alreadyFinished:
            _ = try queue.remove(jobID: job.id, ownerID: user.id)
            body["deleted"] = true
            body["message"] = "Job deleted successfully"
        case .notFound:
            throw AnalysisHandler.notFound
        }
        body["remaining_jobs"] = .int(try AnalysisJobs(db: db).count(ownerID: user.id))
        return .json(body, status: status)
    }

    @Sendable static func debug(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let db = try context.database()
        let job = try AnalysisHandler.findJob(request, user: user, db: db)
        let position = try JobQueue(connection: db).queuePosition(of: job)
        struct Debug: Encodable {
            var success = true
            var status: String
            var createdAt: Int
            var positionInQueue: Int
            var processingTime: Double
            var job: JobSummary
            var maxAttempts: Int
            var runAt: Date
            var worker: String?
            var lastError: String?
            var checkpoint: JSONValue?
            var events: [JobEventJSON]
            enum CodingKeys: String, CodingKey {
                case success, status, job, worker, checkpoint, events
                case createdAt = "created_at", positionInQueue = "position_in_queue", processingTime = "processing_time"
                case maxAttempts = "max_attempts", runAt = "run_at", lastError = "last_error"
            }
        }
        return .json(Debug(status: AnalysisVocabulary.status(job.state), createdAt: AnalysisVocabulary.unixSeconds(job.createdAt),
                           positionInQueue: AnalysisVocabulary.positionInQueue(position), processingTime: processingTime(job),
                           job: JobSummary(job, position: position), maxAttempts: job.maxAttempts, runAt: job.runAt,
                           worker: job.leaseOwner, lastError: job.lastError,
                           checkpoint: JobJSON.decode(JSONValue.self, from: job.checkpoint),
                           events: try AnalysisJobs(db: db).events(jobID: job.id)))
    }

    /// Seconds the job has been processing (until it finished), to the millisecond; 0 before it started.
    static func processingTime(_ job: Job, now: Date = Date()) -> Double {
        guard let started = job.startedAt else { return 0 }
        return (max(0, (job.finishedAt ?? now).timeIntervalSince(started)) * 1000).rounded() / 1000
    }

    @Sendable static func cleanup(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let removed = try JobQueue(connection: try context.database()).removeFinished(olderThan: 0, ownerID: user.id)
        return .json(["success": JSONValue.bool(true), "removed": .int(removed), "message": .string("Removed \(removed) finished jobs.")])
    }
}
