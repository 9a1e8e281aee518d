import Web

extension Routes {
    /// The downloader and Instagram-session endpoints (issue 6).
    static func registerDownloadRoutes(_ router: inout Router<RequestContext>) {}
}
