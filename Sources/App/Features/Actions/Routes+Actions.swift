import Web

extension Routes {
    /// Account actions with saved sessions, their daily limits and their audit log (issue 15).
    static func registerActionRoutes(_ api: APIGroup) {
        api.post("/instagram/follow", ActionHandler.follow)
            .post("/instagram/unfollow", ActionHandler.unfollow)
            .post("/instagram/like", ActionHandler.like)
            .post("/instagram/unlike", ActionHandler.unlike)
            .post("/instagram/comment", ActionHandler.comment)
            .get("/instagram/limits/{username}", LimitsHandler.show)
            .put("/instagram/limits/{username}", LimitsHandler.set)
            .get("/instagram/actions", ActionLogHandler.list)
    }
}
