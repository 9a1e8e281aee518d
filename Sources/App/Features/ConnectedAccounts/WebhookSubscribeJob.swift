import Foundation
import Instagram
import Jobs
import Observability
import Postgres

/// Subscribes an Instagram-Login account to instagate's webhook fields again after the subscription at its connect
/// failed (`WebhookSubscription`): tried at once, then with the queue's jittered backoff, `maxAttempts` in all. Each
/// failure is recorded on the account (`webhook_error`), which stays when the job gives up; a success records the
/// fields and clears it. Nothing is sent for an account gone, disconnected or subscribed meanwhile (a new connect
/// subscribes it itself).
final class WebhookSubscribeJob: JobHandler {
    static let name = "graph_webhook_subscribe"
    /// Tries in all: with the default backoff, the last is some minutes after the connect.
    static let maxAttempts = 8

    struct Arguments: Codable {
        var accountID: Int64
        enum CodingKeys: String, CodingKey { case accountID = "account_id" }
    }

    let settings: GraphSettings
    let secrets: Result<SecretBox, SecretBoxError>

    init(settings: GraphSettings, secrets: Result<SecretBox, SecretBoxError>) {
        self.settings = settings
        self.secrets = secrets
    }

    static func kind(settings: GraphSettings, secrets: Result<SecretBox, SecretBoxError>) -> JobKind {
        JobKind(name: name) { WebhookSubscribeJob(settings: settings, secrets: secrets) }
    }

    /// Queues the retry of the account's subscription (one at a time per account).
    static func enqueue(_ account: ConnectedAccount, db: PostgresConnection) throws {
        let arguments = String(decoding: try JSONEncoder().encode(Arguments(accountID: account.id)), as: UTF8.self)
        _ = try JobQueue(connection: db).enqueue(JobRequest(kind: name, ownerID: account.userID, uniqueKey: "\(name):\(account.id)",
                                                            args: arguments, maxAttempts: maxAttempts))
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        let arguments = try JSONDecoder().decode(Arguments.self, from: Data(job.args.utf8))
        let store = ConnectedAccountStore(db: context.connection, box: try secrets.get())
        guard let userID = job.ownerID, let account = try store.account(id: arguments.accountID, userID: userID),
              account.isConnected, account.flavour == .instagram, account.webhookFields == nil else {
            return #"{"skipped":"the account is gone, disconnected or subscribed"}"#
        }
        let app = try settings.app(account.flavour)
        let client = GraphAPIClient(app: app, http: GraphAPIClient.makeHTTPClient(app: app))
        let access = GraphAccountAccess(store: store, client: client, logger: context.logger, settings: settings)
        do {
            try access.withToken(account) { (token) throws(GraphAPIError) in try client.subscribeApp(fields: WebhookSubscription.fields, token: token) }
        } catch {
            var failure = JobFailure(error)
            _ = try store.storeWebhookSubscription(account, fields: nil, error: failure.message)
            context.logger.warning("webhook subscription failed again", metadata: [.accountID: "\(account.id)", .code: "\(failure.code)"])
            if error as? ConnectedAccountError == .reconnectRequired { throw failure }
            failure.isRetryable = true // Meta's refusals too: until the tries run out
            throw failure
        }
        _ = try store.storeWebhookSubscription(account, fields: WebhookSubscription.fields, error: nil)
        return #"{"subscribed":true}"#
    }
}
