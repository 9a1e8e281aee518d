import Foundation
import Instagram
import Logging

/// Calls Meta for one connected account with its token. An answer that says the token no longer works (190)
/// gets one refresh and one more try; when that fails too the account becomes `reconnect_required` and the
/// error is thrown: never a loop.
struct GraphAccountAccess {
    let store: ConnectedAccountStore
    let client: GraphAPIClient
    let logger: Logger

    /// Runs `body` with the account's token, refreshing once after a 190.
    func withToken<T>(_ account: ConnectedAccount, _ body: (String) throws(GraphAPIError) -> T) throws -> T {
        guard account.isConnected, let token = try store.token(of: account) else { throw ConnectedAccountError.reconnectRequired }
        let first: Result<T, GraphAPIError> = Result { () throws(GraphAPIError) in try body(token) }
        guard case .failure(let error) = first else { return try first.get() }
        guard error.kind == .tokenInvalid else { throw error }
        let fresh = try refresh(account, token: token, after: error)
        let second: Result<T, GraphAPIError> = Result { () throws(GraphAPIError) in try body(fresh) }
        if case .failure(let again) = second, again.kind == .tokenInvalid { try markReconnect(account, again) }
        return try second.get()
    }

    /// A new token for the account, stored; on a refusal the account becomes `reconnect_required`.
    @discardableResult
    func refresh(_ account: ConnectedAccount, token: String, after cause: GraphAPIError? = nil) throws -> String {
        let answer: Result<GraphAccessToken, GraphAPIError> = Result { () throws(GraphAPIError) in try client.refresh(token) }
        if case .failure(let error) = answer, error.kind == .tokenInvalid || error.kind == .oauthRejected || error.kind == .permission {
            try markReconnect(account, cause ?? error)
            throw cause ?? error
        }
        let fresh = try answer.get()
        try store.storeToken(fresh, for: account)
        logger.info("graph token refreshed", metadata: [.accountID: "\(account.id)", .flavour: "\(account.flavour.rawValue)"])
        return fresh.value
    }

    func markReconnect(_ account: ConnectedAccount, _ error: GraphAPIError) throws {
        let reason = "graph code \(error.code ?? 0)/\(error.subcode ?? 0)"
        try store.requireReconnect(account, reason: reason)
        logger.warning("graph account needs reconnecting", metadata: [.accountID: "\(account.id)", .reason: "\(reason)"])
    }
}
