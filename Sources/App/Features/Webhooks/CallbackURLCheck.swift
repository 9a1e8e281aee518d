import Web

/// The check of a request's `callback_url`, the same for post downloads and collection jobs.
enum CallbackURLCheck {
    /// Why `url` cannot be this user's callback (its shape, or no signing secret made yet); nil when it can.
    static func problem(_ url: String, context: UserContext) throws -> String? {
        if let problem = WebhookTarget.shapeProblem(url) { return problem }
        let store = WebhookStore(db: try context.database(), box: try context.services.secretBox())
        return try store.hasSecret(userID: context.user.id) ? nil : "needs a signing secret first: POST /api/webhooks/secret"
    }
}
