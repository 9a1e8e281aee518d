import Foundation
import Jobs
import Observability

/// The recurring refresh of connected accounts' profiles (run by `instagate work`, every
/// `INSTAGATE_GRAPH_INFO_REFRESH_INTERVAL`): `InfoRefresher` on the accounts read longer than `INSTAGATE_GRAPH_INFO_TTL`
/// ago, so `GET /api/sns/instagram/account/info` answers from PostgreSQL; the usage budget holds back what it must.
final class InfoRefreshJob: JobHandler {
    static let name = "graph_info_refresh"
    let settings: GraphSettings
    let secrets: Result<SecretBox, SecretBoxError>

    init(settings: GraphSettings, secrets: Result<SecretBox, SecretBoxError>) {
        self.settings = settings
        self.secrets = secrets
    }

    static func kind(settings: GraphSettings, secrets: Result<SecretBox, SecretBoxError>) -> JobKind {
        JobKind(name: name, recurringInterval: settings.infoRefreshInterval) { InfoRefreshJob(settings: settings, secrets: secrets) }
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        guard !settings.enabledFlavours.isEmpty else { return nil }
        let outcome = try InfoRefresher(db: context.connection, box: try secrets.get(), settings: settings, logger: context.logger)
            .run(shouldStop: { try context.checkInterruption() })
        context.logger.info("graph info refresh", metadata: [.count: "\(outcome.refreshed)"])
        return JobJSON.encode(outcome)
    }
}
