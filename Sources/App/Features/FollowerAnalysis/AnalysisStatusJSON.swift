import Foundation
import Jobs
import Postgres
import Web

/// The body of `GET /api/status/{job_id}`: instagate's fields and the earlier service's (seed 003): `status` in its
/// four words (`state` keeps instagate's five), `session_id` (masked), `user_id`, `created_at` in unix seconds,
/// `position_in_queue`, and `result` once completed.
struct AnalysisStatusJSON: Encodable {
    var success = true
    var jobID: String
    var status: String
    var state: String
    var sessionID: String
    var userID: String
    var username: String?
    var attempts: Int
    var maxAttempts: Int
    var createdAt: Int
    var createdAtISO: Date
    var startedAt: Date?
    var finishedAt: Date?
    var cancelRequested: Bool
    var progress: JSONValue
    var queuePosition: Int?
    var positionInQueue: Int
    var error: ErrorJSON?
    var results: AnalysisResults.JSON?
    var result: AnalysisResultJSON?

    struct ErrorJSON: Encodable {
        var code: String
        var message: String
    }

    enum CodingKeys: String, CodingKey {
        case success, status, state, username, attempts, progress, error, results, result
        case jobID = "job_id", maxAttempts = "max_attempts", createdAt = "created_at", startedAt = "started_at"
        case finishedAt = "finished_at", cancelRequested = "cancel_requested", queuePosition = "queue_position"
        case sessionID = "session_id", userID = "user_id", createdAtISO = "created_at_iso", positionInQueue = "position_in_queue"
    }

    static func make(job: Job, request: HTTPRequest, db: PostgresConnection) throws -> AnalysisStatusJSON {
        let summary = JobJSON.decode(AnalysisResultSummary.self, from: job.result)
        let args = JobJSON.decode(AnalysisArgs.self, from: job.args)
        let position = try JobQueue(connection: db).queuePosition(of: job)
        var body = AnalysisStatusJSON(
            jobID: job.publicID ?? "", status: AnalysisVocabulary.status(job.state), state: job.state.rawValue,
            sessionID: args?.sessionLabel ?? ":…", userID: args?.userID ?? "",
            username: summary?.username ?? args?.username,
            attempts: job.attempts, maxAttempts: job.maxAttempts, createdAt: AnalysisVocabulary.unixSeconds(job.createdAt),
            createdAtISO: job.createdAt, startedAt: job.startedAt,
            finishedAt: job.finishedAt, cancelRequested: job.cancelRequested,
            progress: JobJSON.decode(JSONValue.self, from: job.progress) ?? .object([:]),
            queuePosition: position, positionInQueue: AnalysisVocabulary.positionInQueue(position))
        if job.state != .completed, let code = job.lastErrorCode {
            body.error = ErrorJSON(code: code, message: job.lastError ?? "")
        }
        if job.state == .completed {
            let results = try AnalysisResults.json(job: job, request: request, db: db)
            body.results = results
            body.result = try AnalysisResultJSON.make(results: results, db: db)
        }
        return body
    }
}

/// The earlier service's `result` of a completed analysis: counts, every unfollower's username, and when it ended.
struct AnalysisResultJSON: Encodable {
    var followersCount: Int
    var followingCount: Int
    var unfollowersCount: Int
    var unfollowers: [String]
    var analysisCompletedAt: Date

    enum CodingKeys: String, CodingKey {
        case unfollowers, followersCount = "followers_count", followingCount = "following_count"
        case unfollowersCount = "unfollowers_count", analysisCompletedAt = "analysis_completed_at"
    }

    static func make(results: AnalysisResults.JSON, db: PostgresConnection) throws -> AnalysisResultJSON {
        let names = try AnalysisLists(db: db).usernames(.unfollowers, snapshotID: results.snapshotID)
        return AnalysisResultJSON(followersCount: results.counts.followers, followingCount: results.counts.following,
                                  unfollowersCount: results.counts.unfollowers, unfollowers: names,
                                  analysisCompletedAt: results.takenAt)
    }
}
