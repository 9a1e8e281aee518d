import Web

extension Routes {
    /// What the service says about itself; no key needed (nginx keeps `/metrics` to localhost).
    static func registerSystemRoutes(_ root: PublicGroup) {
        root.get("/", RootHandler.root)
            .get("/health", HealthHandler.health)
            .get("/openapi.json", OpenAPIHandler.document)
            .get("/metrics", MetricsHandler.metrics)
            .get("/api/health", AnalysisHealthHandler.health)
    }
}
