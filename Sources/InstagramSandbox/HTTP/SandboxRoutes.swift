import Web

/// Every path the sandbox answers, registered without trailing slashes (requests are normalised).
enum SandboxRoutes {
    typealias Handle = @Sendable (inout SandboxCall) throws(InstagramError) -> HTTPResponse
    /// What the sandbox's routers hold for a route.
    typealias Route = @Sendable (inout SandboxCall) throws -> HTTPResponse

    static func wrap(_ handle: @escaping Handle) -> Route {
        { call in try handle(&call) }
    }

    static func instagram() -> Router<Route> {
        var router = Router<Route>()
        pages(&router)
        api(&router)
        actions(&router)
        for path in ["/graphql/query", "/api/graphql"] {
            router.get(path, wrap(GraphQLHandler.handle))
            router.post(path, wrap(GraphQLHandler.handle))
        }
        return router
    }

    static func pages(_ router: inout Router<Route>) {
        router.get("/", wrap(PageHandlers.start))
        router.get("/accounts/login", wrap(PageHandlers.login))
        router.post("/accounts/login/ajax", wrap(LoginHandler.login))
        router.get("/challenge/{id}/{token}", wrap(PageHandlers.challenge))
        for share in ["/share/{token}", "/share/p/{token}", "/share/reel/{token}"] { router.get(share, wrap(PageHandlers.share)) }
        router.get("/explore/locations/{id}", wrap(PageHandlers.location))
        router.get("/explore/locations/{id}/{slug}", wrap(PageHandlers.location))
        for section in ["p", "reel", "reels", "tv"] {
            router.get("/\(section)/{code}", wrap(PageHandlers.post))
            router.get("/{username}/\(section)/{code}", wrap(PageHandlers.post))
            router.get("/\(section)/{code}/embed", wrap(PageHandlers.embed))
            router.get("/\(section)/{code}/embed/captioned", wrap(PageHandlers.embed))
        }
        router.get("/{username}", wrap(PageHandlers.profile))
    }

    static func api(_ router: inout Router<Route>) {
        router.get("/api/v1/media/{id}/info", wrap(PostHandlers.info))
        router.get("/api/v1/media/{id}/comments", wrap(PostHandlers.comments))
        router.get("/api/v1/oembed", wrap(PostHandlers.oembed))
        router.get("/api/v1/web/get_ruling_for_content", wrap(PostHandlers.ruling))
        router.get("/api/v1/users/web_profile_info", wrap(ProfileHandlers.webProfileInfo))
        router.get("/api/v1/users/{id}/info", wrap(ProfileHandlers.userInfo))
        router.get("/api/v1/users/{username}/usernameinfo", wrap(ProfileHandlers.usernameInfo))
        router.get("/api/v1/accounts/current_user", wrap(ProfileHandlers.currentUser))
        router.get("/api/v1/feed/user/{id}", wrap(ProfileHandlers.userFeed))
        router.get("/api/v1/feed/reels_media", wrap(StoryHandlers.reelsMedia))
        router.get("/api/v1/highlights/{id}/highlights_tray", wrap(StoryHandlers.highlightsTray))
        router.get("/api/v1/friendships/{id}/followers", wrap(FriendshipHandlers.followers))
        router.get("/api/v1/friendships/{id}/following", wrap(FriendshipHandlers.following))
        router.get("/api/v1/friendships/show/{id}", wrap(ProfileHandlers.show))
        router.post("/api/v1/friendships/show_many", wrap(ProfileHandlers.showMany))
        router.post("/api/v1/web/accounts/login/ajax", wrap(LoginHandler.login))
    }

    static func actions(_ router: inout Router<Route>) {
        for prefix in ["/api/v1/web", "/web"] {
            router.post("\(prefix)/friendships/{id}/follow", wrap(ActionHandlers.follow))
            router.post("\(prefix)/friendships/{id}/unfollow", wrap(ActionHandlers.unfollow))
            router.post("\(prefix)/likes/{id}/like", wrap(ActionHandlers.like))
            router.post("\(prefix)/likes/{id}/unlike", wrap(ActionHandlers.unlike))
            router.post("\(prefix)/comments/{id}/add", wrap(ActionHandlers.comment))
            router.post("\(prefix)/comments/{id}/delete/{comment}", wrap(ActionHandlers.deleteComment))
        }
        router.post("/api/v1/friendships/create/{id}", wrap(ActionHandlers.follow))
        router.post("/api/v1/friendships/destroy/{id}", wrap(ActionHandlers.unfollow))
        router.post("/api/v1/media/{id}/like", wrap(ActionHandlers.like))
        router.post("/api/v1/media/{id}/unlike", wrap(ActionHandlers.unlike))
        router.post("/api/v1/media/{id}/comment", wrap(ActionHandlers.comment))
        router.post("/api/v1/media/{id}/comment/bulk_delete", wrap(ActionHandlers.deleteComment))
    }
}

extension SandboxRoutes {
    typealias AdminHandle = @Sendable (inout SandboxCall) throws -> HTTPResponse

    static func admin(_ handle: @escaping AdminHandle) -> Route { handle }

    static func admin() -> Router<Route> {
        var router = Router<Route>()
        router.get("/__sandbox", admin(AdminHandlers.index))
        router.get("/__sandbox/world", admin(AdminHandlers.world))
        router.post("/__sandbox/reset", admin(AdminHandlers.reset))
        router.get("/__sandbox/faults", admin(AdminHandlers.faults))
        router.post("/__sandbox/faults", admin(AdminHandlers.addFault))
        router.delete("/__sandbox/faults", admin(AdminHandlers.clearFaults))
        router.delete("/__sandbox/faults/{id}", admin(AdminHandlers.removeFault))
        router.get("/__sandbox/requests", admin(AdminHandlers.requests))
        router.delete("/__sandbox/requests", admin(AdminHandlers.clearRequests))
        router.get("/__sandbox/limits", admin(AdminHandlers.limits))
        router.on("PUT", "/__sandbox/limits", admin(AdminHandlers.setLimits))
        router.post("/__sandbox/limits", admin(AdminHandlers.setLimits))
        router.post("/__sandbox/limits/reset", admin(AdminHandlers.resetLimits))
        router.post("/__sandbox/sessions", admin(AdminHandlers.createSession))
        router.on("PUT", "/__sandbox/sessions/{id}", admin(AdminHandlers.updateSession))
        router.post("/__sandbox/follow-requests/approve", admin(AdminHandlers.approve))
        router.get("/__sandbox/cdn/url", admin(AdminHandlers.cdnURL))
        router.get("/__sandbox/cdn/sign", admin(AdminHandlers.sign))
        router.post("/__sandbox/files/{name}/generate", admin(AdminHandlers.generate))
        router.get("/__sandbox/clock", admin(AdminHandlers.clock))
        router.post("/__sandbox/clock", admin(AdminHandlers.advanceClock))
        router.post("/__sandbox/users", admin(AdminHandlers.addUser))
        router.post("/__sandbox/users/rename", admin(AdminHandlers.renameUser))
        router.delete("/__sandbox/users/{username}", admin(AdminHandlers.deleteUser))
        router.post("/__sandbox/stories/expire", admin(AdminHandlers.expireStory))
        router.post("/__sandbox/posts", admin(AdminHandlers.addPosts))
        router.post("/__sandbox/posts/pin", admin(AdminHandlers.pinPost))
        router.post("/__sandbox/stories", admin(AdminHandlers.addStory))
        router.post("/__sandbox/highlights", admin(AdminHandlers.addHighlight))
        GraphAdminHandlers.register(&router)
        return router
    }
}
