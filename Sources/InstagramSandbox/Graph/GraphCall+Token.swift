import Foundation
import Web

extension GraphCall {
    /// Resolves the caller's token for an API call on a Graph host and counts the call against the app's and
    /// the account's allowances; throws Meta's error for a missing, foreign, expired or revoked token and past a limit.
    mutating func requireToken() throws(GraphError) -> GraphToken {
        if let token { return token }
        guard let value = presentedToken else { throw GraphError.noToken }
        let token = try GraphCall.check(value, store: store, site: target.site, now: now)
        let account = accountID(of: token)
        switch store.recordCall(app: token.appID, account: account, now: now) {
        case .refused(let code): throw GraphCall.rateLimit(code)
        case .allowed(let app, let accountUsage): usage = (app, accountUsage, account)
        }
        self.token = token
        return token
    }

    /// A token that works on this site now, or the error Meta gives.
    static func check(_ value: String, store: GraphStore, site: GraphTarget.Site, now: Double) throws(GraphError) -> GraphToken {
        guard let token = store.token(value) else { throw GraphError.unparsableToken }
        let wanted: GraphFlavour = site == .instagramGraph ? .instagram : .facebook
        guard token.kind.flavour == wanted else { throw GraphError.unparsableToken }
        if let reason = token.revoked {
            switch reason {
            case .appRemoved:
                throw GraphError.graph("token_revoked", "Error validating access token: The user has not authorized application \(token.appID).",
                                       code: 190, subcode: 458)
            case .sessionInvalidated:
                throw GraphError.graph("token_invalidated", "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.",
                                       code: 190, subcode: 460)
            }
        }
        if let expiry = token.expiresAt, now >= expiry {
            throw GraphError.graph("token_expired", "Error validating access token: Session has expired on \(metaDate(expiry)). The current time is \(metaDate(now)).",
                                   code: 190, subcode: 463)
        }
        return token
    }

    /// The IG user id the call is counted under (the business use case key).
    func accountID(of token: GraphToken) -> String {
        world.user(username: token.username).map(\.fbid) ?? token.username
    }

    static func rateLimit(_ code: Int) -> GraphError {
        switch code {
        case 4: return .graph("rate_limited", "(#4) Application request limit reached", code: 4, transient: true)
        case 17: return .graph("rate_limited", "(#17) User request limit reached", code: 17, transient: true)
        case 32: return .graph("rate_limited", "(#32) Page request limit reached", code: 32, transient: true)
        case 613: return .graph("rate_limited", "(#613) Calls to this api have exceeded the rate limit.", code: 613, transient: true)
        case 80002: return .graph("rate_limited", "(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.",
                                  code: 80002, transient: true)
        default: return .graph("forced_error", "(#\(code)) An unknown error occurred", code: code, transient: code == 1 || code == 2)
        }
    }

    /// `Monday, 01-Dec-25 11:00:00 PST` as Meta writes dates in token errors (in UTC here).
    static func metaDate(_ seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEEE, dd-MMM-yy HH:mm:ss 'UTC'"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    /// `x-app-usage` and `x-business-use-case-usage` for this call.
    func usageHeaders() -> [(String, String)] {
        guard let usage else { return [] }
        let app = "{\"call_count\":\(usage.app),\"total_cputime\":\(usage.app / 2),\"total_time\":\(usage.app / 2)}"
        let buc = "{\"\(usage.accountID)\":[{\"type\":\"instagram\",\"call_count\":\(usage.account),\"total_cputime\":\(usage.account / 2),\"total_time\":\(usage.account / 2),\"estimated_time_to_regain_access\":0}]}"
        return [("x-app-usage", app), ("x-business-use-case-usage", buc)]
    }
}
