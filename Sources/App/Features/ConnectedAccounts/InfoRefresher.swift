import Foundation
import Instagram
import Logging
import Observability
import Postgres

/// Reads the profiles of connected accounts that are older than `INSTAGATE_GRAPH_INFO_TTL` from Meta, oldest first:
/// what the `graph_info_refresh` job runs and `instagate graph-refresh --info` runs now. Every call goes through the
/// usage budget: an account (or its app) whose usage is high is left for a later run, never called.
public struct InfoRefresher {
    /// What one run did.
    public struct Outcome: Encodable, Sendable {
        public var refreshed = 0
        /// Held back by the usage budget (or Meta's rate limit): left for the next run.
        public var deferred = 0
        public var failed = 0
    }

    let store: ConnectedAccountStore
    let settings: GraphSettings
    let logger: Logger

    public init(db: PostgresConnection, box: SecretBox, settings: GraphSettings, logger: Logger) {
        store = ConnectedAccountStore(db: db, box: box)
        self.settings = settings
        self.logger = logger
    }

    /// Refreshes the profiles read more than `olderThan` seconds ago (default: the info TTL), at most `limit`;
    /// `shouldStop` is asked between accounts.
    public func run(olderThan: Double? = nil, limit: Int = 200, shouldStop: () throws -> Void = {}) throws -> Outcome {
        var outcome = Outcome()
        var clients: [GraphFlavour: GraphAPIClient] = [:]
        for account in try store.staleInfo(olderThan: olderThan ?? settings.infoTTL, limit: limit) {
            try shouldStop()
            let client = try clients[account.flavour] ?? makeClient(account.flavour)
            clients[account.flavour] = client
            let access = GraphAccountAccess(store: store, client: client, logger: logger, settings: settings)
            do {
                let profile = try access.withToken(account) { (token) throws(GraphAPIError) in
                    try client.account(igUserID: account.igUserID, token: token)
                }
                _ = try store.storeInfo(profile, for: account)
                outcome.refreshed += 1
            } catch let error as GraphAPIError where error.kind == .rateLimited {
                outcome.deferred += 1
                logger.notice("graph info refresh deferred", metadata: [.accountID: "\(account.id)", .error: "\(error.kind.rawValue)"])
            } catch let error as GraphAPIError {
                outcome.failed += 1
                logger.warning("graph info refresh failed", metadata: [.accountID: "\(account.id)", .error: "\(error.kind.rawValue)"])
            } catch ConnectedAccountError.reconnectRequired {
                outcome.failed += 1
            }
        }
        return outcome
    }

    func makeClient(_ flavour: GraphFlavour) throws -> GraphAPIClient {
        let app = try settings.app(flavour)
        return GraphAPIClient(app: app, http: GraphAPIClient.makeHTTPClient(app: app))
    }
}
