import Web

extension Routes {
    /// Saved Instagram sessions (for posts that need a login).
    static func registerSessionRoutes(_ api: APIGroup) {
        api.post("/instagram/session", SessionHandler.save)
            .get("/instagram/sessions", SessionHandler.list)
            .delete("/instagram/session/{username}", SessionHandler.delete)
    }
}
