import Foundation
import Jobs
import Logging
import Observability

/// The recurring insights collection (`insights_collect`, every `INSTAGATE_GRAPH_INSIGHTS_INTERVAL`): runs
/// `InsightsCollector` over every connected account that is not paused.
final class InsightsCollectJob: JobHandler {
    static let name = "insights_collect"
    let settings: GraphSettings
    let secrets: Result<SecretBox, SecretBoxError>

    init(settings: GraphSettings, secrets: Result<SecretBox, SecretBoxError>) {
        self.settings = settings
        self.secrets = secrets
    }

    static func kind(settings: GraphSettings, secrets: Result<SecretBox, SecretBoxError>) -> JobKind {
        JobKind(name: name, recurringInterval: settings.insightsInterval) { InsightsCollectJob(settings: settings, secrets: secrets) }
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        guard !settings.enabledFlavours.isEmpty else { return nil }
        let outcome = try InsightsCollector(db: context.connection, box: try secrets.get(), settings: settings, logger: context.logger)
            .run(shouldStop: { try context.checkInterruption() })
        context.logger.info("insights collected", metadata: [.count: "\(outcome.posts + outcome.days)"])
        return JobJSON.encode(outcome)
    }
}
