import Web

/// Every path of Meta's hosts the sandbox answers (after the `/vNN.0` segment is taken off).
enum GraphRoutes {
    typealias Handle = @Sendable (inout GraphCall) throws(GraphError) -> HTTPResponse
    /// What the routers hold (untyped: converting typed-throws function references crashes the 6.x compiler).
    typealias Route = @Sendable (inout GraphCall) throws -> HTTPResponse

    static func wrap(_ handle: @escaping Handle) -> Route {
        { call in try handle(&call) }
    }

    /// `graph.instagram.com` and `graph.facebook.com`: the token endpoints and the nodes.
    static func graph() -> Router<Route> {
        var router = Router<Route>()
        router.get("/oauth/access_token", wrap(GraphTokenHandlers.facebookExchange))
        router.post("/oauth/access_token", wrap(GraphTokenHandlers.facebookExchange))
        router.get("/access_token", wrap(GraphTokenHandlers.instagramLongLived))
        router.get("/refresh_access_token", wrap(GraphTokenHandlers.instagramRefresh))
        router.get("/me", wrap(GraphNodeHandlers.me))
        router.get("/me/accounts", wrap(GraphNodeHandlers.pages))
        router.get("/me/media", wrap(GraphNodeHandlers.myMedia))
        router.get("/me/permissions", wrap(GraphNodeHandlers.permissions))
        router.delete("/me/permissions", wrap(GraphNodeHandlers.revokePermissions))
        for path in ["/me/subscribed_apps", "/{id}/subscribed_apps"] {
            router.post(path, wrap(GraphSubscribedAppsHandlers.subscribe))
            router.get(path, wrap(GraphSubscribedAppsHandlers.list))
            router.delete(path, wrap(GraphSubscribedAppsHandlers.unsubscribe))
        }
        router.get("/ig_hashtag_search", wrap(GraphHashtagHandlers.search))
        router.get("/{id}/recently_searched_hashtags", wrap(GraphHashtagHandlers.recent))
        router.get("/{id}/top_media", wrap { call throws(GraphError) in try GraphHashtagHandlers.media(&call, top: true) })
        router.get("/{id}/recent_media", wrap { call throws(GraphError) in try GraphHashtagHandlers.media(&call, top: false) })
        router.get("/{id}", wrap(GraphNodeHandlers.node))
        router.get("/{id}/media", wrap(GraphNodeHandlers.media))
        router.get("/{id}/stories", wrap(GraphStoryHandlers.stories))
        router.post("/{id}/media", wrap(GraphPublishHandlers.create))
        router.post("/{id}/media_publish", wrap(GraphPublishHandlers.publish))
        router.get("/{id}/content_publishing_limit", wrap(GraphPublishHandlers.limit))
        router.get("/{id}/insights", wrap(GraphInsightHandlers.insights))
        return router
    }

    /// `api.instagram.com`, `www.instagram.com/oauth/authorize`, `www.facebook.com/dialog/oauth`.
    static func oauth() -> Router<Route> {
        var router = Router<Route>()
        router.get("/oauth/authorize", wrap(GraphConsentHandlers.page))
        router.post("/oauth/authorize", wrap(GraphConsentHandlers.decide))
        router.get("/dialog/oauth", wrap(GraphConsentHandlers.page))
        router.post("/dialog/oauth", wrap(GraphConsentHandlers.decide))
        router.post("/oauth/access_token", wrap(GraphTokenHandlers.instagramCode))
        return router
    }
}
