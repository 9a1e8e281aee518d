import Foundation
import Instagram
import Logging
import Observability
import Postgres

/// Refreshes the tokens that are due, one account after the other: what the `graph_token_refresh` job runs and
/// `instagate graph-refresh` runs now. A refusal (190, a rejected exchange, a missing permission) makes the account
/// `reconnect_required` (never picked again); a transient failure or a rate limit leaves it for the next run.
public struct TokenRefresher {
    /// What one run did.
    public struct Outcome: Encodable, Sendable {
        public var refreshed = 0
        public var reconnectRequired = 0
        public var deferred = 0
        enum CodingKeys: String, CodingKey {
            case refreshed, deferred
            case reconnectRequired = "reconnect_required"
        }
    }

    let store: ConnectedAccountStore
    let settings: GraphSettings
    let logger: Logger

    public init(db: PostgresConnection, box: SecretBox, settings: GraphSettings, logger: Logger) {
        store = ConnectedAccountStore(db: db, box: box)
        self.settings = settings
        self.logger = logger
    }

    /// Refreshes connected tokens expiring within `within` seconds (default: the refresh margin); `includeRecent`
    /// also takes tokens refreshed in the last 24 hours (Meta then decides). `shouldStop` is asked between accounts.
    public func run(within: Double? = nil, includeRecent: Bool = false, shouldStop: () throws -> Void = {}) throws -> Outcome {
        var outcome = Outcome()
        var clients: [GraphFlavour: GraphAPIClient] = [:]
        let due = try store.dueForRefresh(before: Date().addingTimeInterval(within ?? settings.refreshMargin), includeRecent: includeRecent)
        for account in due {
            try shouldStop()
            guard let token = try store.token(of: account) else { continue }
            let client = try clients[account.flavour] ?? makeClient(account.flavour)
            clients[account.flavour] = client
            do {
                try GraphAccountAccess(store: store, client: client, logger: logger, settings: settings).refresh(account, token: token)
                outcome.refreshed += 1
            } catch let error as GraphAPIError where error.kind == .tokenInvalid || error.kind == .oauthRejected || error.kind == .permission {
                outcome.reconnectRequired += 1
            } catch let error as GraphAPIError {
                outcome.deferred += 1
                logger.warning("graph token refresh deferred", metadata: [.accountID: "\(account.id)", .error: "\(error.kind.rawValue)"])
            }
        }
        return outcome
    }

    func makeClient(_ flavour: GraphFlavour) throws -> GraphAPIClient {
        let app = try settings.app(flavour)
        return GraphAPIClient(app: app, http: GraphAPIClient.makeHTTPClient(app: app))
    }
}
