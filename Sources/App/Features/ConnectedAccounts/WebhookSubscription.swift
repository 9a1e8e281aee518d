import Instagram
import Observability
import Web

/// After an Instagram-Login connect, the account subscribes instagate's app to the webhook fields instagate acts
/// on (`POST me/subscribed_apps`, graph-api.md §7: Meta delivers an Instagram-Login account's events only then).
/// The result is recorded on the account (`webhook_subscribed`, `webhook_error` in its answer); a failure is logged,
/// does not fail the connect, and is tried again by the `graph_webhook_subscribe` job (`WebhookSubscribeJob`).
enum WebhookSubscription {
    /// The fields instagate learns from: comments and story insights (§7).
    static let fields = ["comments", "story_insights"]

    static func subscribe(_ account: ConnectedAccount, token: String, client: GraphAPIClient, store: ConnectedAccountStore,
                          _ context: RequestContext) throws -> ConnectedAccount {
        do {
            try context.upstream.withSlot { () throws in try client.subscribeApp(fields: fields, token: token) }
            return try store.storeWebhookSubscription(account, fields: fields, error: nil)
        } catch let error as any HTTPResponseError {
            context.logger.warning("webhook subscription failed; a job tries again", metadata: [.accountID: "\(account.id)", .code: "\(error.errorCode)"])
            let failed = try store.storeWebhookSubscription(account, fields: nil, error: error.errorMessage)
            try WebhookSubscribeJob.enqueue(failed, db: store.db)
            return failed
        }
    }
}
