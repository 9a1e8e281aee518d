import Foundation
import Jobs
import Postgres
import Web

/// The body of `GET /api/status/{job_id}`.
struct AnalysisStatusJSON: Encodable {
    var success = true
    var jobID: String
    var status: String
    var username: String?
    var attempts: Int
    var maxAttempts: Int
    var createdAt: Date
    var startedAt: Date?
    var finishedAt: Date?
    var cancelRequested: Bool
    var progress: JSONValue
    var queuePosition: Int?
    var error: ErrorJSON?
    var results: AnalysisResults.JSON?

    struct ErrorJSON: Encodable {
        var code: String
        var message: String
    }

    enum CodingKeys: String, CodingKey {
        case success, status, username, attempts, progress, error, results
        case jobID = "job_id", maxAttempts = "max_attempts", createdAt = "created_at", startedAt = "started_at"
        case finishedAt = "finished_at", cancelRequested = "cancel_requested", queuePosition = "queue_position"
    }

    static func make(job: Job, request: HTTPRequest, db: PostgresConnection) throws -> AnalysisStatusJSON {
        let summary = JobJSON.decode(AnalysisResultSummary.self, from: job.result)
        var body = AnalysisStatusJSON(
            jobID: job.publicID ?? "", status: job.state.rawValue,
            username: summary?.username ?? JobJSON.decode(AnalysisArgs.self, from: job.args)?.username,
            attempts: job.attempts, maxAttempts: job.maxAttempts, createdAt: job.createdAt, startedAt: job.startedAt,
            finishedAt: job.finishedAt, cancelRequested: job.cancelRequested,
            progress: JobJSON.decode(JSONValue.self, from: job.progress) ?? .object([:]),
            queuePosition: try JobQueue(connection: db).queuePosition(of: job))
        if job.state != .completed, let code = job.lastErrorCode {
            body.error = ErrorJSON(code: code, message: job.lastError ?? "")
        }
        if job.state == .completed {
            body.results = try AnalysisResults.json(job: job, request: request, db: db)
        }
        return body
    }
}
