import Jobs

/// The recurring insights collection (`insights_collect`, every `INSTAGATE_GRAPH_INSIGHTS_INTERVAL`): runs
/// `InsightsCollector` over every connected account that is not paused.
enum InsightsCollectJob {
    static let name = "insights_collect"

    static func kind(settings: GraphSettings, secrets: Result<SecretBox, SecretBoxError>) -> JobKind {
        RecurringGraphJob.kind(name: name, interval: settings.insightsInterval, settings: settings, secrets: secrets,
                               logged: "insights collected", count: { $0.posts + $0.days }) { db, box, settings, logger, shouldStop in
            try InsightsCollector(db: db, box: box, settings: settings, logger: logger).run(shouldStop: shouldStop)
        }
    }
}
