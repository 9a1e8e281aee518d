import Foundation
import Instagram
import Jobs
import Observability
import Postgres
import Web

/// `POST /api/analyze` and `GET /api/status/{job_id}`: the existing follower-analysis service's shapes.
enum AnalysisHandler {
    /// The 202 of `POST /api/analyze`: instagate's fields and the earlier service's (`position_in_queue`,
    /// `estimated_wait_time`).
    struct Accepted: Encodable {
        var success = true
        var jobID: String
        var status: String
        var state: String
        var queuePosition: Int?
        var positionInQueue: Int
        var estimatedWaitTime: String
        var statusURL: String
        var message: String
        enum CodingKeys: String, CodingKey {
            case success, status, state, message, jobID = "job_id", queuePosition = "queue_position", statusURL = "status_url"
            case positionInQueue = "position_in_queue", estimatedWaitTime = "estimated_wait_time"
        }
    }

    @Sendable static func analyze(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let db = try context.database()
        let sessions = InstagramSessionStore(db: db, box: try context.services.secretBox())
        // The cookies' rules join the body's other problems; a saved session is read (which extends it) only after.
        let given = try request.decodeJSON(AnalyzeBody.self) { given in
            if given.session == nil { try given.request { _ in nil }.validate() }
            return given
        }
        let body = try given.request { try sessions.load(userID: user.id, username: $0)?.session }
        try body.validate()
        let (job, created) = try AnalysisEnqueuer(db: db, box: try context.services.secretBox()).enqueue(body, ownerID: user.id)
        guard created else { throw conflict(with: job) }
        let jobID = job.publicID ?? body.jobID
        context.logger.info("analysis queued", metadata: [.jobID: "\(jobID)"])
        let position = try JobQueue(connection: db).queuePosition(of: job)
        return .json(Accepted(jobID: jobID, status: AnalysisVocabulary.status(job.state), state: job.state.rawValue,
                              queuePosition: position, positionInQueue: AnalysisVocabulary.positionInQueue(position),
                              estimatedWaitTime: AnalysisVocabulary.estimatedWait(state: job.state, position: position),
                              statusURL: "/api/status/\(jobID)", message: "Analysis queued."), status: .accepted)
    }

    /// The 409 of a session that already has a job: the earlier service's `error`, `message`, `job_id` and
    /// `status`, in the envelope (`JOB_ALREADY_RUNNING` while queued or running, `JOB_ALREADY_EXISTS` once finished).
    static func conflict(with job: Job) -> APIError {
        let jobID = job.publicID ?? ""
        let status = AnalysisVocabulary.status(job.state)
        let code = job.state.isLive ? "JOB_ALREADY_RUNNING" : "JOB_ALREADY_EXISTS"
        let message = "This account already has a job with status: \(status)" // the earlier service's words
        return APIError(.conflict, code, message, errors: ["job_id": jobID])
            .adding(["error": "Job already exists", "job_id": jobID, "status": status])
    }

    @Sendable static func status(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let db = try context.database()
        let job = try findJob(request, user: user, db: db)
        let wantsCSV = request.query("format") == "csv" || (request.headers["Accept"] ?? "").contains("text/csv")
        if wantsCSV { return try AnalysisResults.csv(job: job, request: request, db: db) }
        if request.query("format").map({ $0 != "json" }) == true {
            throw APIError.validation(["format": "must be json or csv"])
        }
        return .json(try AnalysisStatusJSON.make(job: job, request: request, db: db))
    }

    /// 404 for a job id: the envelope with the earlier service's `error` beside it.
    static let notFound = APIError(.notFound, "JOB_NOT_FOUND", "No job with that id.").adding(["error": "Job not found"])

    /// The caller's job with the id in the path; anything else (unknown, malformed, another user's) is 404.
    static func findJob(_ request: HTTPRequest, user: APIUser, db: PostgresConnection) throws -> Job {
        guard let id = request.parameter("job_id"), let job = try AnalysisJobs(db: db).find(publicID: id, ownerID: user.id) else {
            throw notFound
        }
        return job
    }
}
