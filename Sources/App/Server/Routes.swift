import Web

/// Every endpoint instagate has, by group: the public ones, and `/api/` behind `AuthenticationMiddleware`
/// (whose handlers receive a `UserContext`). Each feature registers its own routes in its folder
/// (`Features/<Feature>/Routes+<Feature>.swift`). The OpenAPI document (`OpenAPIDocument`) must list the same
/// set; a test checks it.
enum Routes {
    static func make() -> Router<Responder<RequestContext>> {
        let table = RouteTable<RequestContext>()
        registerSystemRoutes(table.group())
        let api = table.group("/api").add(middleware: AuthenticationMiddleware())
        registerKeyRoutes(api)
        registerSessionRoutes(api)
        registerDownloadRoutes(api)
        registerAnalysisRoutes(api)
        registerProfileRoutes(api)
        registerWebhookRoutes(api)
        registerActionRoutes(api)
        registerBulkActionRoutes(api)
        registerConnectedAccountRoutes(public: table.group(), api: api)
        registerPublishingRoutes(api: api)
        registerInsightsRoutes(api: api)
        registerUploadRoutes(api: api)
        return table.router
    }
}

/// The group every public route is registered on.
typealias PublicGroup = RouterGroup<RequestContext, RequestContext>

/// The group every authenticated route is registered on.
typealias APIGroup = RouterGroup<RequestContext, UserContext>
