/// The rows the accounts list and account info answers are made of, as this responder process last read them from
/// PostgreSQL, so those reads cost no round trip (issue 13: at least 0.7× `/health`'s req/s). Each answer is still
/// made at request time from the rows (an info older than `INSTAGATE_GRAPH_INFO_TTL` is read from Meta, a usage pause
/// that ended is not shown); the rows hold no token (`ConnectedAccount` never reads `sealed_token`).
///
/// Migration 036's triggers on `instagram_accounts` and `graph_usage` (the two tables these answers read) notify
/// `instagate_accounts` at the commit of any change; the rest is `NotifiedCache`'s. A change made through this
/// process's `ConnectedAccountStore` also empties it at once.
typealias AccountReadCache = NotifiedCache<AccountRead, [ConnectedAccount]>

/// One cached read of an API user's connected accounts.
enum AccountRead: Hashable, Sendable {
    /// `GET /api/sns/instagram/accounts`: all of the user's accounts.
    case list(userID: Int64)
    /// `GET /api/sns/instagram/account/info`: one account of the user (none: another user's or no such id).
    case account(id: Int64, userID: Int64)
}

extension NotifiedCache where Key == AccountRead, Value == [ConnectedAccount] {
    /// The channel changes to connected accounts and their usage are announced on.
    static var accountChannel: String { "instagate_accounts" }

    /// The process's accounts cache, `ttl` at most per entry (`INSTAGATE_GRAPH_ACCOUNT_CACHE_TTL`; zero: off).
    static func accounts(ttl: Duration) -> AccountReadCache { AccountReadCache(channel: accountChannel, ttl: ttl) }
}

extension UserContext {
    /// The rows of `read`: from the process's `AccountReadCache` once the thread has read the notices that reached
    /// its connection, otherwise from PostgreSQL (and then kept).
    func accountRows(_ read: AccountRead, store: ConnectedAccountStore) throws -> [ConnectedAccount] {
        let cache = thread.services.accountCache
        if thread.noticesAreCurrent(for: cache, store.db), let rows = cache.value(for: read) { return rows }
        let generation = cache.generation
        let rows: [ConnectedAccount]
        switch read {
        case .list(let userID): rows = try store.list(userID: userID)
        case .account(let id, let userID): rows = try store.account(id: id, userID: userID).map { [$0] } ?? []
        }
        cache.store(rows, for: read, generation: generation)
        return rows
    }
}
