import Web

extension Routes {
    /// Webhooks of collection jobs (issue 16): the signing secret.
    static func registerWebhookRoutes(_ api: APIGroup) {
        api.post("/webhooks/secret", WebhookSecretHandler.rotate)
    }
}
