import Web

extension Routes {
    /// The downloader and Instagram-session endpoints (issue 6).
    static func registerDownloadRoutes(_ router: inout Router<RequestContext>) {
        router.post("/api/download", DownloadHandler.download)
        router.get("/api/downloads", DownloadHistoryHandler.list)
        router.get("/api/downloads/{shortcode}", DownloadHistoryHandler.show)
        router.delete("/api/downloads/{shortcode}", DownloadHistoryHandler.delete)
        router.post("/api/instagram/session", SessionHandler.save)
        router.get("/api/instagram/sessions", SessionHandler.list)
        router.delete("/api/instagram/session/{username}", SessionHandler.delete)
    }
}
