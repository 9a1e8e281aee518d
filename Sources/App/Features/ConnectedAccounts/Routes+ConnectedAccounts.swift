import Web

extension Routes {
    /// Connected professional accounts through Meta's Graph API (issue 13). The callback is public: Meta's
    /// redirect carries no key, the sealed `state` names the API user.
    static func registerConnectedAccountRoutes(public group: PublicGroup, api: APIGroup) {
        group.get("/api/sns/instagram/callback", OAuthCallbackHandler.callback)
            .get("/api/sns/instagram/webhook", MetaWebhookHandlers.verify)
            .post("/api/sns/instagram/webhook", MetaWebhookHandlers.receive)
            .post("/api/sns/instagram/deauthorize", MetaWebhookHandlers.deauthorize)
            .post("/api/sns/instagram/data-deletion", MetaWebhookHandlers.dataDeletion)
            .get("/api/sns/instagram/data-deletion/status", MetaWebhookHandlers.deletionStatus)
        api.post("/sns/instagram/oauth/authorize", OAuthAuthorizeHandler.authorize)
            .get("/sns/instagram/oauth/authorize", OAuthAuthorizeHandler.authorize)
            .get("/sns/instagram/accounts", ConnectedAccountHandlers.list)
            .delete("/sns/instagram/accounts/{account_id}", ConnectedAccountHandlers.delete)
            .post("/sns/instagram/accounts/{account_id}/refresh", ConnectedAccountHandlers.refresh)
            .get("/sns/instagram/account/info", ConnectedAccountHandlers.info)
            .get("/sns/instagram/media", ConnectedAccountHandlers.media)
            .get("/sns/instagram/hashtags/search", HashtagSearchHandler.search)
    }
}
