import Foundation
import Instagram
import Postgres

/// One bulk run (`instagram_bulk_runs`) as the job and the status answer read it.
struct BulkRun: PostgresRecord {
    var id: Int64
    var publicID: String
    var userID: Int64
    var username: String
    var instagramUserID: String
    var action: InstagramAction
    var interval: Double
    var source: String
    /// `queued`, `running`, `paused`, `completed`, `stopped` (at a block, a challenge, a logged-out session,
    /// Instagram's 429) or `cancelled`.
    var state: String
    var stopCode: String?
    var stopMessage: String?
    var resumesAt: Date?
    var jobID: Int64?
    var createdAt: Date
    var finishedAt: Date?

    static let columns = """
        id, public_id, user_id, username, instagram_user_id, action, interval_seconds, source, state, stop_code, stop_message, \
        resumes_at, job_id, created_at, finished_at
        """

    init(row: PostgresRow) throws(PostgresError) {
        id = try row.decode("id")
        publicID = try row.decode("public_id")
        userID = try row.decode("user_id")
        username = try row.decode("username")
        instagramUserID = try row.decode("instagram_user_id")
        guard let action = InstagramAction(rawValue: try row.decode("action", as: String.self)) else {
            throw PostgresError(.invalidTextRepresentation, "unknown action")
        }
        self.action = action
        interval = try row.decode("interval_seconds")
        source = try row.decode("source")
        state = try row.decode("state")
        stopCode = try row.decodeIfPresent("stop_code")
        stopMessage = try row.decodeIfPresent("stop_message")
        resumesAt = try row.decodeIfPresent("resumes_at")
        jobID = try row.decodeIfPresent("job_id")
        createdAt = try row.decode("created_at")
        finishedAt = try row.decodeIfPresent("finished_at")
    }

    /// Whether the run may still do something (a job works on it, or will).
    var isLive: Bool { state == "queued" || state == "running" }
}

/// One target of a run.
struct BulkItem: PostgresRecord, Encodable {
    var position: Int
    var target: String
    var label: String?
    /// `pending`, `sending` (sent, answer not yet recorded), `done`, `skipped` (already done), `failed`.
    var state: String
    var result: String?
    var errorCode: String?

    enum CodingKeys: String, CodingKey {
        case position, target, label, state, result
        case errorCode = "error_code"
    }

    init(row: PostgresRow) throws(PostgresError) {
        position = try row.decode("position")
        target = try row.decode("target")
        label = try row.decodeIfPresent("label")
        state = try row.decode("state")
        result = try row.decodeIfPresent("result")
        errorCode = try row.decodeIfPresent("error_code")
    }
}
