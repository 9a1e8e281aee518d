import Foundation
import Instagram
import Jobs
import Observability
import Postgres
import Web

/// `POST /api/analyze` and `GET /api/status/{job_id}`: the existing follower-analysis service's shapes.
enum AnalysisHandler {
    struct Accepted: Encodable {
        var success = true
        var jobID: String
        var status: String
        var queuePosition: Int?
        var statusURL: String
        var message: String
        enum CodingKeys: String, CodingKey {
            case success, status, message, jobID = "job_id", queuePosition = "queue_position", statusURL = "status_url"
        }
    }

    @Sendable static func analyze(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let db = try context.database()
        let sessions = InstagramSessionStore(db: db, box: try context.services.secretBox())
        let body = try request.decodeJSON(AnalyzeBody.self).request { try sessions.load(userID: user.id, username: $0)?.session }
        try body.validate()
        let jobID = body.jobID
        let (job, created) = try AnalysisEnqueuer(db: db, box: try context.services.secretBox()).enqueue(body, ownerID: user.id)
        guard created else {
            throw APIError(.conflict, "JOB_ALREADY_RUNNING", "An analysis for this session is already \(job.state.rawValue).",
                           errors: ["job_id": jobID])
        }
        context.logger.info("analysis queued", metadata: [.jobID: "\(jobID)"])
        let position = try JobQueue(connection: db).queuePosition(of: job)
        return .json(Accepted(jobID: jobID, status: job.state.rawValue, queuePosition: position,
                              statusURL: "/api/status/\(jobID)", message: "Analysis queued."), status: .accepted)
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

    /// The caller's job with the id in the path; anything else (unknown, malformed, another user's) is 404.
    static func findJob(_ request: HTTPRequest, user: APIUser, db: PostgresConnection) throws -> Job {
        guard let id = request.parameter("job_id"), let job = try AnalysisJobs(db: db).find(publicID: id, ownerID: user.id) else {
            throw APIError(.notFound, "JOB_NOT_FOUND", "No job with that id.")
        }
        return job
    }
}
