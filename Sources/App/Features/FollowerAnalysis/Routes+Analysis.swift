import Web

extension Routes {
    /// The follower-analysis and job endpoints (issue 5).
    static func registerAnalysisRoutes(_ api: APIGroup) {
        api.post("/analyze", AnalysisHandler.analyze)
            .get("/status/{job_id}", AnalysisHandler.status)
            .get("/queue", JobsHandler.queue)
            .get("/jobs", JobsHandler.jobs)
            .delete("/job/{job_id}", JobsHandler.delete)
            .get("/debug/{job_id}", JobsHandler.debug)
            .post("/cleanup", JobsHandler.cleanup)
            .get("/analyses/{username}/changes", AnalysisChangesHandler.changes)
    }
}
