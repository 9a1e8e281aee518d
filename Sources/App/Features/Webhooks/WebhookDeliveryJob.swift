import Foundation
import HTTPClient
import Jobs
import Logging
import Observability
import Postgres
import Web

/// POSTs a finished collection or download job's status JSON to its `callback_url`, signed (`WebhookSignature`), through the
/// SSRF guard (`WebhookTarget`), with a timeout and a 64 KiB cap on the answer; no redirects followed. A failed
/// attempt is retried with the queue's backoff (5 attempts); a refused target is not. Every attempt is recorded.
final class WebhookDeliveryJob: JobHandler {
    static let name = "webhook_delivery"
    static let maxAttempts = 5

    struct Arguments: Codable {
        var userID: Int64
        var sourceJobID: Int64
        var url: String
        enum CodingKeys: String, CodingKey {
            case url
            case userID = "user_id"
            case sourceJobID = "source_job_id"
        }
    }

    let services: AppServices
    var settings: ProfileSettings { services.configuration.profiles }

    init(services: AppServices) {
        self.services = services
    }

    static func kind(services: AppServices) -> JobKind {
        JobKind(name: name) { WebhookDeliveryJob(services: services) }
    }

    static func enqueue(userID: Int64, sourceJobID: Int64, url: String, db: PostgresConnection) throws {
        let arguments = Arguments(userID: userID, sourceJobID: sourceJobID, url: url)
        _ = try JobQueue(connection: db).enqueue(JobRequest(
            kind: name, ownerID: userID, uniqueKey: "webhook:\(sourceJobID)",
            args: String(decoding: try JSONEncoder().encode(arguments), as: UTF8.self), maxAttempts: maxAttempts))
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        let arguments = try JSONDecoder().decode(Arguments.self, from: Data(job.args.utf8))
        let db = context.connection
        let store = WebhookStore(db: db, box: try services.secretBox())
        guard let source = try JobQueue(connection: db).find(id: arguments.sourceJobID) else { return "{\"skipped\":\"job gone\"}" }
        guard let secret = try store.secret(userID: arguments.userID) else {
            throw JobFailure(code: "WEBHOOK_SECRET_MISSING", message: "the signing secret was removed", isRetryable: false)
        }
        guard let payload = try payload(of: source, userID: arguments.userID, db: db) else { return "{\"skipped\":\"download gone\"}" }
        let (body, event) = payload
        let attempt = job.attempts
        let record = { (status: Int?, outcome: String, error: String?, started: Date) in
            try store.record(userID: arguments.userID, sourceJobID: arguments.sourceJobID, url: arguments.url, attempt: attempt,
                             status: status, outcome: outcome, error: error, durationMs: Date().timeIntervalSince(started) * 1000)
        }
        let started = Date()
        let target: WebhookTarget
        do {
            target = try WebhookTarget.resolve(arguments.url, policy: settings.webhookPolicy)
        } catch {
            try record(nil, "refused", error.message, started)
            throw JobFailure(code: "WEBHOOK_REFUSED", message: error.message, isRetryable: false)
        }
        let answer = deliver(body, to: target, secret: secret, event: event, delivery: job.id)
        try record(answer.status, answer.delivered ? "delivered" : "failed", answer.error, started)
        context.logger.info("webhook attempt", metadata: [.status: "\(answer.status ?? 0)", .attempt: "\(attempt)"])
        guard answer.delivered else {
            throw JobFailure(code: "WEBHOOK_FAILED", message: answer.error ?? "not delivered", isRetryable: answer.retryable)
        }
        return "{\"status\":\(answer.status ?? 0)}"
    }

    /// The body (the same JSON as the job's status endpoint) and the event name (`download.completed`,
    /// `collection.failed`, ...); nil when a download's row is gone.
    func payload(of source: Job, userID: Int64, db: PostgresConnection) throws -> (body: [UInt8], event: String)? {
        guard source.kind == DownloadJob.name else {
            let status = try CollectionStatusHandler.status(source, configuration: services.configuration, services: services, db: db)
            return (JSONCoding.encode(status), "collection.\(source.state.rawValue)")
        }
        guard let shortcode = source.publicID,
              let status = try DownloadHistoryHandler.status(userID: userID, shortcode: shortcode, configuration: services.configuration,
                                                             services: services, db: db) else { return nil }
        return (JSONCoding.encode(status), "download.\(source.state.rawValue)")
    }

    /// One POST; never throws: the outcome says what happened.
    func deliver(_ body: [UInt8], to target: WebhookTarget, secret: String,
                 event: String, delivery: Int64) -> (delivered: Bool, status: Int?, error: String?, retryable: Bool) {
        let client = HTTPClient(configuration: HTTPClientConfiguration(
            connectTimeout: min(5, settings.webhookTimeout), requestTimeout: settings.webhookTimeout, maxResponseBytes: 64 << 10,
            maxRetries: 0, maxRedirects: 0, userAgent: "instagate-webhook/1"))
        let timestamp = Int(Date().timeIntervalSince1970)
        var request = HTTPClientRequest(method: "POST", url: target.url, headers: [
            ("Content-Type", "application/json"), (WebhookSignature.header, WebhookSignature.value(secret: secret, timestamp: timestamp, body: body)),
            ("X-Instagate-Event", event), ("X-Instagate-Delivery", String(delivery))], body: body)
        request.connectTo = target.connectTo
        do {
            let response = try client.send(request)
            if (200..<300).contains(response.status) { return (true, response.status, nil, false) }
            return (false, response.status, "the receiver answered \(response.status)", true)
        } catch {
            if error.code == .tooManyRedirects {
                return (false, error.status, "the receiver redirected; webhooks never follow redirects", false)
            }
            return (false, error.status, "\(error.code.rawValue): \(error.message)", true)
        }
    }
}
