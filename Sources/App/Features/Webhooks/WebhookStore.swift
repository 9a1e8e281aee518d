import Foundation
import Postgres

/// The SQL of webhooks: each user's signing secret (sealed) and the delivery attempts.
struct WebhookStore {
    let db: PostgresConnection
    let box: SecretBox

    /// One delivery attempt as the status answer lists it.
    struct Delivery: PostgresRecord, Codable {
        var attempt: Int
        var status: Int?
        var outcome: String
        var error: String?
        var durationMs: Double
        var at: Date

        init(row: PostgresRow) throws(PostgresError) {
            attempt = try row.decode("attempt")
            status = try row.decodeIfPresent("status")
            outcome = try row.decode("outcome")
            error = try row.decodeIfPresent("error")
            durationMs = try row.decode("duration_ms")
            at = try row.decode("created_at")
        }

        enum CodingKeys: String, CodingKey {
            case attempt, status, outcome, error, at
            case durationMs = "duration_ms"
        }
    }

    static func context(userID: Int64) -> String { "webhook-secret:\(userID)" }

    /// Makes (or replaces) the user's secret and returns it: the only time it is shown.
    func rotateSecret(userID: Int64) throws -> String {
        let secret = "whsec_" + (0..<24).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        let sealed = PostgresBytes(box.seal(secret, context: Self.context(userID: userID)))
        try db.query("""
            INSERT INTO webhook_secrets (user_id, sealed) VALUES (\(userID), \(sealed))
            ON CONFLICT (user_id) DO UPDATE SET sealed = EXCLUDED.sealed, created_at = now()
            """)
        return secret
    }

    /// The user's secret; nil when none was made.
    func secret(userID: Int64) throws -> String? {
        guard let row = try db.query("SELECT sealed FROM webhook_secrets WHERE user_id = \(userID)").first else { return nil }
        let sealed: PostgresBytes = try row.decode("sealed")
        return try box.openString(sealed.bytes, context: Self.context(userID: userID))
    }

    func hasSecret(userID: Int64) throws -> Bool {
        try db.query("SELECT 1 FROM webhook_secrets WHERE user_id = \(userID)").first != nil
    }

    func record(userID: Int64, sourceJobID: Int64, url: String, attempt: Int, status: Int?, outcome: String, error: String?,
                durationMs: Double) throws {
        try db.query("""
            INSERT INTO webhook_deliveries (user_id, source_job_id, url, attempt, status, outcome, error, duration_ms)
            VALUES (\(userID), \(sourceJobID), \(url), \(attempt), \(status.bound), \(outcome), \(error.bound), \(durationMs))
            """)
    }

    /// The attempts for a job, oldest first.
    func deliveries(sourceJobID: Int64) throws -> [Delivery] {
        try db.query("""
            SELECT attempt, status, outcome, error, duration_ms, created_at FROM webhook_deliveries
            WHERE source_job_id = \(sourceJobID) ORDER BY id
            """, as: Delivery.self)
    }
}
