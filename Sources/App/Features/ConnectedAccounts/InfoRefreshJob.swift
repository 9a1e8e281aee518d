import Jobs

/// The recurring refresh of connected accounts' profiles (run by `instagate work`, every
/// `INSTAGATE_GRAPH_INFO_REFRESH_INTERVAL`): `InfoRefresher` on the accounts read longer than `INSTAGATE_GRAPH_INFO_TTL`
/// ago, so `GET /api/sns/instagram/account/info` answers from PostgreSQL; the usage budget holds back what it must.
enum InfoRefreshJob {
    static let name = "graph_info_refresh"

    static func kind(settings: GraphSettings, secrets: Result<SecretBox, SecretBoxError>) -> JobKind {
        RecurringGraphJob.kind(name: name, interval: settings.infoRefreshInterval, settings: settings, secrets: secrets,
                               logged: "graph info refresh", count: { $0.refreshed }) { db, box, settings, logger, shouldStop in
            try InfoRefresher(db: db, box: box, settings: settings, logger: logger).run(shouldStop: shouldStop)
        }
    }
}
