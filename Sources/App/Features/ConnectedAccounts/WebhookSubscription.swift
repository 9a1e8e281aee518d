import Instagram
import Observability
import Web

/// After an Instagram-Login connect, the account subscribes instagate's app to the webhook fields instagate acts
/// on (`POST me/subscribed_apps`, graph-api.md §7: Meta delivers an Instagram-Login account's events only then).
/// The result is recorded on the account (`webhook_subscribed`, `webhook_error` in its answer); a failure is logged
/// and does not fail the connect, which connecting again retries.
enum WebhookSubscription {
    /// The fields instagate learns from: comments and story insights (§7).
    static let fields = ["comments", "story_insights"]

    static func subscribe(_ account: ConnectedAccount, token: String, client: GraphAPIClient, store: ConnectedAccountStore,
                          _ context: RequestContext) throws -> ConnectedAccount {
        do {
            try context.upstream.withSlot { () throws in try client.subscribeApp(fields: fields, token: token) }
            return try store.storeWebhookSubscription(account, fields: fields, error: nil)
        } catch let error as any HTTPResponseError {
            context.logger.warning("webhook subscription failed", metadata: [.accountID: "\(account.id)", .code: "\(error.errorCode)"])
            return try store.storeWebhookSubscription(account, fields: nil, error: error.errorMessage)
        }
    }
}
