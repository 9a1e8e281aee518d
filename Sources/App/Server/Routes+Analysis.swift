import Web

extension Routes {
    /// The follower-analysis and job endpoints (issue 5).
    static func registerAnalysisRoutes(_ router: inout Router<RequestContext>) {}
}
