import Foundation
import Instagram
import Logging

/// Calls Meta for one connected account with its token. An answer that says the token no longer works (190)
/// gets one refresh and one more try; when that fails too the account becomes `reconnect_required` and the
/// error is thrown: never a loop. Calls first ask the usage budget (`GraphUsageStore`): while Meta's usage
/// headers had the app or the account at `INSTAGATE_GRAPH_USAGE_PAUSE_PERCENT`, no call is made and a
/// `rateLimited` error with the time left is thrown; answers' headers are stored for the next caller. A
/// rate-limit refusal from Meta pauses the app or the account the same way (`pauseAfterRefusal`).
/// One access (a job run, a request) reads the token and asks for a pause once per `GraphAccessMemo.recheckAfter`
/// seconds, again after a pause or a refusal, and stores a usage percentage only when it changed (`memo`).
struct GraphAccountAccess {
    let store: ConnectedAccountStore
    let client: GraphAPIClient
    let logger: Logger
    let settings: GraphSettings
    /// The token, the pause check and the stored usage this access reuses between its calls.
    let memo = GraphAccessMemo()

    var usage: GraphUsageStore { GraphUsageStore(db: store.db) }

    /// Runs `body` with the account's token, refreshing once after a 190.
    func withToken<T>(_ account: ConnectedAccount, _ body: (String) throws(GraphAPIError) -> T) throws -> T {
        let token = try checkedToken(account)
        let first = try budgeted(account, checked: true) { () throws(GraphAPIError) in try body(token) }
        guard case .failure(let error) = first else { return try first.get() }
        guard error.kind == .tokenInvalid else { throw error }
        let fresh = try refresh(account, token: token, after: error)
        let second = try budgeted(account) { () throws(GraphAPIError) in try body(fresh) }
        if case .failure(let again) = second, again.kind == .tokenInvalid { try markReconnect(account, again) }
        return try second.get()
    }

    /// A new token for the account, stored; on a refusal the account becomes `reconnect_required`.
    @discardableResult
    func refresh(_ account: ConnectedAccount, token: String, after cause: GraphAPIError? = nil) throws -> String {
        let answer = try budgeted(account) { () throws(GraphAPIError) in try client.refresh(token) }
        if case .failure(let error) = answer, error.kind == .tokenInvalid || error.kind == .oauthRejected || error.kind == .permission {
            try markReconnect(account, cause ?? error)
            throw cause ?? error
        }
        let fresh = try answer.get()
        try store.storeToken(fresh, for: account)
        memo.replaceToken(fresh.value, for: account.id)
        logger.info("graph token refreshed", metadata: [.accountID: "\(account.id)", .flavour: "\(account.flavour.rawValue)"])
        return fresh.value
    }

    /// The account's token, from the memo while its pause check is fresh; otherwise the pause is asked (throws
    /// it when one is in force) and the token read and opened, both kept for the next calls.
    func checkedToken(_ account: ConnectedAccount) throws -> String {
        guard account.isConnected else { throw ConnectedAccountError.reconnectRequired }
        if let kept = memo.token(for: account.id) { return kept }
        try checkPause(account)
        guard let token = try store.token(of: account) else { throw ConnectedAccountError.reconnectRequired }
        memo.keep(token, for: account.id)
        return token
    }

    /// Throws the pause of the app or the account in force, if any.
    func checkPause(_ account: ConnectedAccount) throws {
        if let pause = try usage.activePause(appID: client.app.appID, igUserID: account.igUserID) {
            logger.notice("graph call held back: usage high", metadata: [.accountID: "\(account.id)", .reason: "\(pause.subject) \(pause.percent)%"])
            throw GraphAccountAccess.paused(pause)
        }
    }

    /// Runs one call unless the app or the account is paused (then throws the pause; `checked`: the caller has just
    /// asked), and stores the usage its answer reported when it changed or starts a pause, whatever the answer was.
    /// A pause stored or a refusal makes the next call ask again.
    func budgeted<T>(_ account: ConnectedAccount, checked: Bool = false, _ call: () throws(GraphAPIError) -> T) throws -> Result<T, GraphAPIError> {
        if !checked { try checkPause(account) }
        let result = Result { () throws(GraphAPIError) in try call() }
        let reported = client.takeUsage()
        if let reported {
            let rows = memo.changed(GraphUsageStore.rows(reported, appID: client.app.appID, pausePercent: settings.usagePausePercent,
                                                         pause: settings.usagePause))
            try usage.store(rows)
            if rows.contains(where: { $0.wait != nil }) { memo.forget(account.id) }
        }
        if case .failure(let error) = result, error.kind == .rateLimited {
            memo.forget(account.id)
            return .failure(try pauseAfterRefusal(error, account: account, reported: reported))
        }
        return result
    }

    /// Meta refused with a rate limit (4, 17, 32, 613, 80001…): nobody calls Meta for the app (code 4, the app's
    /// allowance) or the account (the others) until the pause ends, in every process. The pause lasts Meta's
    /// `estimated_time_to_regain_access` when its usage header gave one, `INSTAGATE_GRAPH_USAGE_PAUSE` otherwise;
    /// the error's `Retry-After` is the pause in force.
    func pauseAfterRefusal(_ error: GraphAPIError, account: ConnectedAccount, reported: GraphUsage?) throws -> GraphAPIError {
        let subject = error.code == 4 ? "app:" + client.app.appID : "account:" + account.igUserID
        let regain = reported?.accounts[account.igUserID]?.regainAccessMinutes ?? 0
        let until = try usage.pause(subject, seconds: regain > 0 ? Double(regain * 60) : settings.usagePause)
        logger.notice("graph rate limit: calls paused", metadata: [.accountID: "\(account.id)", .reason: "\(subject) code \(error.code ?? 0)"])
        var paused = error
        paused.retryAfter = max(1, until.timeIntervalSinceNow)
        return paused
    }

    /// The error of a call not made: Meta's kind for a rate limit, the seconds left, the percentage that paused.
    static func paused(_ pause: GraphUsageStore.Pause, now: Date = Date()) -> GraphAPIError {
        var error = GraphAPIError(kind: .rateLimited, status: 0, message: "usage of \(pause.subject) at \(pause.percent)%",
                                  retryAfter: max(1, pause.until.timeIntervalSince(now)))
        error.pausedAtPercent = pause.percent
        return error
    }

    func markReconnect(_ account: ConnectedAccount, _ error: GraphAPIError) throws {
        let reason = "graph code \(error.code ?? 0)/\(error.subcode ?? 0)"
        memo.forget(account.id)
        try store.requireReconnect(account, reason: reason)
        logger.warning("graph account needs reconnecting", metadata: [.accountID: "\(account.id)", .reason: "\(reason)"])
    }
}
