import Web

/// Every endpoint instagate has. The OpenAPI document (`OpenAPIDocument`) must list the same set;
/// a test checks it.
enum Routes {
    static func make() -> Router<RequestContext> {
        var router = Router<RequestContext>()
        router.get("/", RootHandler.root)
        router.get("/health", HealthHandler.health)
        router.get("/openapi.json", OpenAPIHandler.document)
        router.get("/metrics", MetricsHandler.metrics)
        router.get("/api/health", HealthHandler.health)
        router.get("/api/me", AccountHandler.me)
        router.get("/api/keys", KeysHandler.list)
        router.post("/api/keys", KeysHandler.create)
        router.delete("/api/keys/{id}", KeysHandler.revoke)
        registerAnalysisRoutes(&router)
        registerDownloadRoutes(&router)
        return router
    }
}
