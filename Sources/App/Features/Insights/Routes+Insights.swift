import Web

extension Routes {
    /// Insights of published posts and connected accounts (issue 14).
    static func registerInsightsRoutes(api: APIGroup) {
        api.get("/sns/instagram/account/insights", InsightsHandlers.account)
            .get("/sns/instagram/{post_id}/insights", InsightsHandlers.post)
    }
}
