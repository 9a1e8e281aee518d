import Web

/// Every endpoint instagate has, by group: the public ones, and `/api/` behind `AuthenticationMiddleware`
/// (whose handlers receive a `UserContext`). Each feature registers its own routes (`Routes+Feature.swift`).
/// The OpenAPI document (`OpenAPIDocument`) must list the same set; a test checks it.
enum Routes {
    static func make() -> Router<Responder<RequestContext>> {
        let table = RouteTable<RequestContext>()
        table.group()
            .get("/", RootHandler.root)
            .get("/health", HealthHandler.health)
            .get("/openapi.json", OpenAPIHandler.document)
            .get("/metrics", MetricsHandler.metrics)
            .get("/api/health", HealthHandler.health)
        let api = table.group("/api").add(middleware: AuthenticationMiddleware())
        api.get("/me", AccountHandler.me)
            .get("/keys", KeysHandler.list)
            .post("/keys", KeysHandler.create)
            .delete("/keys/{id}", KeysHandler.revoke)
        registerAnalysisRoutes(api)
        registerDownloadRoutes(api)
        return table.router
    }
}

/// The group every authenticated route is registered on.
typealias APIGroup = RouterGroup<RequestContext, UserContext>
