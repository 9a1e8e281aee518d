import Foundation
import Jobs
import Observability
import Postgres
import Web

/// `GET /api/health` (no key): the earlier follower-analysis service's health answer (`status: healthy`,
/// `timestamp`, `active_jobs`, `queued_jobs`) with `/health`'s fields beside it. 503 `status: degraded` while
/// PostgreSQL does not answer.
enum AnalysisHealthHandler {
    struct Health: Encodable {
        var status: String
        var timestamp: Date
        var activeJobs: Int
        var queuedJobs: Int
        var version = InstagateVersion.current
        var database: String
        var uptimeSeconds: Int
        var threads: Int
        enum CodingKeys: String, CodingKey {
            case status, timestamp, version, database, threads
            case activeJobs = "active_jobs", queuedJobs = "queued_jobs", uptimeSeconds = "uptime_seconds"
        }
    }

    @Sendable static func health(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        var counts: (running: Int, queued: Int)?
        if let db = try? context.database() {
            do {
                counts = try JobQueue(connection: db).counts(kind: AnalysisRequest.kind)
            } catch {
                context.metrics.databaseError()
                context.logger.warning("health check query failed", metadata: [.sqlState: "\(error.sqlState)"])
            }
        }
        let body = Health(status: counts == nil ? "degraded" : "healthy", timestamp: Date(),
                          activeJobs: counts?.running ?? 0, queuedJobs: counts?.queued ?? 0,
                          database: counts == nil ? "unavailable" : "ok",
                          uptimeSeconds: Int((ContinuousClock.now - context.startedAt).components.seconds),
                          threads: context.configuration.threads)
        var response = HTTPResponse.json(body, status: counts == nil ? .serviceUnavailable : .ok)
        response.headers["Cache-Control"] = "no-store"
        if counts == nil { response.headers["Retry-After"] = "5" }
        return response
    }
}
