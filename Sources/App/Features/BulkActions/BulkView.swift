import Foundation
import Postgres

/// A run as `POST/GET /api/instagram/bulk...` answer it (`data`): its state, counts, why it stopped, its items.
struct BulkView: Encodable {
    var jobID: String
    var username: String
    var action: String
    var source: String
    /// `queued`, `running`, `paused`, `completed`, `stopped`, `cancelled`.
    var status: String
    var intervalSeconds: Double
    var total: Int
    var done: Int
    var skipped: Int
    var failed: Int
    var pending: Int
    /// Why the run stopped (or, while `running`, waits for its daily limit until `resumes_at`).
    var stop: Stop?
    var resumesAt: Date?
    var createdAt: Date
    var finishedAt: Date?
    var statusURL: String
    var items: [BulkItem]?

    struct Stop: Encodable {
        var errorCode: String
        var message: String
        enum CodingKeys: String, CodingKey { case errorCode = "error_code", message }
    }

    enum CodingKeys: String, CodingKey {
        case username, action, source, status, total, done, skipped, failed, pending, stop, items
        case jobID = "job_id", intervalSeconds = "interval_seconds", resumesAt = "resumes_at", createdAt = "created_at"
        case finishedAt = "finished_at", statusURL = "status_url"
    }

    init(_ run: BulkRun, store: BulkStore, withItems: Bool) throws(PostgresError) {
        let counts = try store.counts(runID: run.id)
        jobID = run.publicID
        username = run.username
        action = run.action.rawValue
        source = run.source
        status = run.state
        intervalSeconds = run.interval
        done = counts["done"] ?? 0
        skipped = counts["skipped"] ?? 0
        failed = counts["failed"] ?? 0
        pending = (counts["pending"] ?? 0) + (counts["sending"] ?? 0)
        total = done + skipped + failed + pending
        stop = run.stopCode.map { Stop(errorCode: $0, message: run.stopMessage ?? "") }
        resumesAt = run.resumesAt
        createdAt = run.createdAt
        finishedAt = run.finishedAt
        statusURL = "/api/instagram/bulk/\(run.publicID)"
        items = withItems ? try store.items(runID: run.id) : nil
    }
}
