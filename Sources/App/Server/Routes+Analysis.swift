import Web

extension Routes {
    /// The follower-analysis and job endpoints (issue 5).
    static func registerAnalysisRoutes(_ router: inout Router<RequestContext>) {
        router.post("/api/analyze", AnalysisHandler.analyze)
        router.get("/api/status/{job_id}", AnalysisHandler.status)
        router.get("/api/queue", JobsHandler.queue)
        router.get("/api/jobs", JobsHandler.jobs)
        router.delete("/api/job/{job_id}", JobsHandler.delete)
        router.get("/api/debug/{job_id}", JobsHandler.debug)
        router.post("/api/cleanup", JobsHandler.cleanup)
        router.get("/api/analyses/{username}/changes", AnalysisChangesHandler.changes)
    }
}
