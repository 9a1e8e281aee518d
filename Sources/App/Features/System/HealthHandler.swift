import FastCGI
import Foundation
import Observability
import Postgres
import Web

/// `GET /health`: the process is up and PostgreSQL answers a query.
enum HealthHandler {
    struct Health: Encodable {
        var status: String
        var version: String
        var database: String
        var uptimeSeconds: Int
        var threads: Int

        enum CodingKeys: String, CodingKey {
            case status, version, database, threads
            case uptimeSeconds = "uptime_seconds"
        }

        /// The same bytes `JSONCoding.encode` gives (sorted keys), written directly: load balancers and
        /// benchmarks call /health thousands of times a second, and every field is a number or a fixed word.
        var json: [UInt8] {
            ByteWriter.bytes(capacity: 120 + database.utf8.count + status.utf8.count + version.utf8.count) { out in
                out.write(literal: #"{"database":""#)
                out.write(database)
                out.write(literal: #"","status":""#)
                out.write(status)
                out.write(literal: #"","threads":"#)
                out.write(decimal: threads)
                out.write(literal: #","uptime_seconds":"#)
                out.write(decimal: uptimeSeconds)
                out.write(literal: #","version":""#)
                out.write(version)
                out.write(literal: #""}"#)
            }
        }
    }

    @Sendable static func health(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        var databaseUp = false
        if let db = try? context.database() {
            do {
                try db.ping()
                databaseUp = true
            } catch {
                context.metrics.databaseError()
                context.logger.warning("health check query failed", metadata: [.sqlState: "\(error.sqlState)"])
            }
        }
        let body = Health(status: databaseUp ? "ok" : "degraded", version: InstagateVersion.current,
                          database: databaseUp ? "ok" : "unavailable", uptimeSeconds: Int((ContinuousClock.now - context.startedAt).components.seconds),
                          threads: context.configuration.threads)
        var response = HTTPResponse.bytes(body.json, contentType: "application/json; charset=utf-8",
                                          status: databaseUp ? .ok : .serviceUnavailable)
        response.headers["Cache-Control"] = "no-store"
        if !databaseUp { response.headers["Retry-After"] = "5" }
        return response
    }
}
