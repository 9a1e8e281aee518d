import Web

extension Routes {
    /// Publishing to connected accounts (issue 14).
    static func registerPublishingRoutes(api: APIGroup) {
        api.post("/sns/instagram/posts", PublishingHandlers.create)
            .get("/sns/instagram/posts/{post_id}", PublishingHandlers.show)
    }
}
