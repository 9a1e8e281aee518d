import Jobs

/// The recurring refresh of connected accounts' tokens (run by `instagate work`, every
/// `INSTAGATE_GRAPH_REFRESH_INTERVAL`): each connected token that expires within `INSTAGATE_GRAPH_REFRESH_MARGIN`
/// and was not refreshed in the last 24 hours gets a new one. A refusal (190, a rejected exchange, a missing
/// permission) makes the account `reconnect_required`, which this job never picks again; a transient failure or a
/// rate limit leaves it for the next run (hours later, so no retry loop).
enum TokenRefreshJob {
    static let name = "graph_token_refresh"

    static func kind(settings: GraphSettings, secrets: Result<SecretBox, SecretBoxError>) -> JobKind {
        RecurringGraphJob.kind(name: name, interval: settings.refreshInterval, settings: settings, secrets: secrets,
                               logged: "graph token refresh", count: { $0.refreshed }) { db, box, settings, logger, shouldStop in
            try TokenRefresher(db: db, box: box, settings: settings, logger: logger).run(shouldStop: shouldStop)
        }
    }
}
