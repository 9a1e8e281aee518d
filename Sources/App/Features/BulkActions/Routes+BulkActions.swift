import Web

extension Routes {
    /// Bulk account actions as worker jobs (issue 15).
    static func registerBulkActionRoutes(_ api: APIGroup) {
        api.post("/instagram/bulk", BulkHandler.create)
            .get("/instagram/bulk/{job_id}", BulkHandler.show)
            .delete("/instagram/bulk/{job_id}", BulkHandler.cancel)
            .post("/instagram/bulk/{job_id}/pause", BulkHandler.pause)
            .post("/instagram/bulk/{job_id}/resume", BulkHandler.resume)
    }
}
