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

    struct Outcome: Encodable {
        var refreshed = 0
        var reconnectRequired = 0
        var deferred = 0
        enum CodingKeys: String, CodingKey {
            case refreshed, deferred
            case reconnectRequired = "reconnect_required"
        }
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        guard !settings.enabledFlavours.isEmpty else { return nil }
        let store = ConnectedAccountStore(db: context.connection, box: try secrets.get())
        var outcome = Outcome()
        var clients: [GraphFlavour: GraphAPIClient] = [:]
        for account in try store.dueForRefresh(before: Date().addingTimeInterval(settings.refreshMargin)) {
            try context.checkInterruption()
            guard let token = try store.token(of: account) else { continue }
            let client: GraphAPIClient
            if let existing = clients[account.flavour] {
                client = existing
            } else {
                let app = try settings.app(account.flavour)
                client = GraphAPIClient(app: app, http: GraphAPIClient.makeHTTPClient(app: app))
                clients[account.flavour] = client
            }
            let access = GraphAccountAccess(store: store, client: client, logger: context.logger)
            do {
                try access.refresh(account, token: token)
                outcome.refreshed += 1
            } catch let error as GraphAPIError where error.kind == .tokenInvalid || error.kind == .oauthRejected || error.kind == .permission {
                outcome.reconnectRequired += 1
            } catch let error as GraphAPIError {
                outcome.deferred += 1
                context.logger.warning("graph token refresh deferred", metadata: [.accountID: "\(account.id)", .error: "\(error.kind.rawValue)"])
            }
        }
        context.logger.info("graph token refresh", metadata: [.count: "\(outcome.refreshed)"])
        return JobJSON.encode(outcome)
    }
}
