import Web

extension Routes {
    /// The downloader (issue 6). `POST /api/download` counts against the API key's rolling daily quota.
    static func registerDownloadRoutes(_ api: APIGroup) {
        api.add(middleware: QuotaMiddleware(scope: "download", noun: "downloads") { .daily($0.downloads.dailyQuota) })
            .post("/download", CollectionDownloadHandler.download) // post URLs go on to DownloadHandler
        api.get("/downloads", DownloadHistoryHandler.list)
            .get("/downloads/{shortcode}", DownloadHistoryHandler.show)
            .delete("/downloads/{shortcode}", DownloadHistoryHandler.delete)
    }
}
