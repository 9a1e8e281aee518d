import Instagram
import Observability

/// What a disconnect ends at Meta before the account and its token are forgotten: Facebook Login's grant
/// (`DELETE /me/permissions`), Instagram Login's webhook subscription (`DELETE /{ig-user-id}/subscribed_apps`, so
/// Meta stops sending the account's events; not while another API user's connection of the account through the
/// same login still needs it). Best effort: in one upstream slot, within `deadline` seconds in all (or
/// the upstream deadline when shorter); a failure is logged without the token and never keeps the account connected.
enum MetaDisconnect {
    /// Seconds the calls may take together before the disconnect goes on without them.
    static let deadline = 5.0

    static func run(_ account: ConnectedAccount, token: String, store: ConnectedAccountStore, _ context: RequestContext) {
        do {
            if account.flavour == .instagram, try store.sharesAppWithAnotherConnection(account) { return }
            let client = try context.graphClient(account.flavour)
            let limit = ContinuousClock.now + .milliseconds(Int64(min(deadline, context.configuration.upstream.deadline) * 1000))
            client.http.deadline = min(client.http.deadline ?? limit, limit)
            try context.upstream.withSlot { () throws in
                switch account.flavour {
                case .facebook: try client.revoke(token)
                case .instagram: try client.unsubscribeApp(igUserID: account.igUserID, token: token)
                }
            }
        } catch {
            context.logger.warning("ending the account's grant or webhook subscription at Meta failed; the account is removed anyway",
                                   metadata: [.accountID: "\(account.id)", .error: "\(error)"])
        }
    }
}
