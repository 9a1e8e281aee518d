import HTTPClient
import Instagram
import Logging

extension RequestContext {
    /// A Graph API client for a login, its calls together ending within the upstream deadline (a client waits).
    func graphClient(_ flavour: GraphFlavour) throws -> GraphAPIClient {
        let app = try configuration.graph.app(flavour)
        let http = GraphAPIClient.makeHTTPClient(app: app)
        http.deadline = .now + .milliseconds(Int64(configuration.upstream.deadline * 1000))
        return GraphAPIClient(app: app, http: http)
    }

    /// Calls for connected accounts of a login: its client, the usage budget, one refresh after a 190.
    func graphAccess(_ flavour: GraphFlavour, store: ConnectedAccountStore, logger: Logger) throws -> GraphAccountAccess {
        GraphAccountAccess(store: store, client: try graphClient(flavour), logger: logger, settings: configuration.graph)
    }

    /// The store of connected accounts on the thread's connection; its changes empty the process's `AccountReadCache`.
    func connectedAccounts() throws -> ConnectedAccountStore {
        let cache = services.accountCache
        return ConnectedAccountStore(db: try database(), box: try services.secretBox(), changed: { cache.removeAll() })
    }
}
