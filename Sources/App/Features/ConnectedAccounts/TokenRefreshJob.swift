import Foundation
import Instagram
import Jobs
import Logging
import Observability

/// The recurring refresh of connected accounts' tokens (run by `instagate work`, every
/// `INSTAGATE_GRAPH_REFRESH_INTERVAL`): each connected token that expires within `INSTAGATE_GRAPH_REFRESH_MARGIN`
/// and was not refreshed in the last 24 hours gets a new one. A refusal (190, a rejected exchange, a missing
/// permission) makes the account `reconnect_required`, which this job never picks again; a transient failure or a
/// rate limit leaves it for the next run (hours later, so no retry loop).
final class TokenRefreshJob: JobHandler {
    static let name = "graph_token_refresh"
    let settings: GraphSettings
    let secrets: Result<SecretBox, SecretBoxError>

    init(settings: GraphSettings, secrets: Result<SecretBox, SecretBoxError>) {
        self.settings = settings
        self.secrets = secrets
    }

    static func kind(settings: GraphSettings, secrets: Result<SecretBox, SecretBoxError>) -> JobKind {
        JobKind(name: name, recurringInterval: settings.refreshInterval) { TokenRefreshJob(settings: settings, secrets: secrets) }
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        guard !settings.enabledFlavours.isEmpty else { return nil }
        let outcome = try TokenRefresher(db: context.connection, box: try secrets.get(), settings: settings, logger: context.logger)
            .run(shouldStop: { try context.checkInterruption() })
        context.logger.info("graph token refresh", metadata: [.count: "\(outcome.refreshed)"])
        return JobJSON.encode(outcome)
    }
}
