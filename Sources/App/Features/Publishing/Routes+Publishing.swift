import Web

extension Routes {
    /// Publishing to connected accounts (issue 14).
    static func registerPublishingRoutes(api: APIGroup) {
        api.post("/sns/instagram/posts", PublishingHandlers.create)
            .get("/sns/instagram/posts", PublicationListHandler.list)
            .get("/sns/instagram/posts/{post_id}", PublishingHandlers.show)
            .patch("/sns/instagram/posts/{post_id}", PublicationActionHandlers.reschedule)
            .delete("/sns/instagram/posts/{post_id}", PublicationActionHandlers.cancel)
            .post("/sns/instagram/posts/{post_id}/retry", PublicationActionHandlers.retry)
            .post("/sns/instagram/posts/{post_id}/publish", DraftHandlers.publish)
            .get("/sns/instagram/calendar", PublishingCalendarHandler.calendar)
            .post("/sns/instagram/stories", MediaPublishingHandlers.story)
            .post("/sns/instagram/reels", MediaPublishingHandlers.reel)
            .post("/sns/instagram/carousels", MediaPublishingHandlers.carousel)
    }
}
