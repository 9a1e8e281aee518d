import Web

extension Routes {
    /// Profiles, stories and highlights (issue 16). `POST /api/download` takes their URLs too
    /// (`CollectionDownloadHandler`, registered by the downloads feature).
    static func registerProfileRoutes(_ api: APIGroup) {
        api.get("/collections/{job_id}", CollectionStatusHandler.show)
            .delete("/collections/{job_id}", CollectionStatusHandler.cancel)
            .get("/downloads/{profile}/archive.zip", ArchiveHandler.archive)
            .post("/collections/{job_id}/pause", PauseHandler.pauseCollection)
            .post("/collections/{job_id}/resume", PauseHandler.resumeCollection)
            .post("/watch", WatchHandler.create)
            .get("/watch", WatchHandler.list)
            .delete("/watch/{id}", WatchHandler.delete)
            .post("/watch/{id}/pause", PauseHandler.pauseWatch)
            .post("/watch/{id}/resume", PauseHandler.resumeWatch)
    }
}
