import Foundation
import Instagram
import Postgres

/// The daily limits of an Instagram account (rolling 24 h, `UsageLimiter` scope `action:<family>`, subject
/// `ig:<instagram user id>`): every API user and every process acting for one account shares them. A unit is
/// taken before the action is sent and given back unless Instagram accepted it. The limit is the operator's
/// (`INSTAGATE_*_LIMIT_PER_DAY`) unless the account has a lower one of its own (`instagram_action_limits`).
struct ActionLimits {
    let limiter: UsageLimiter
    let store: ActionStore
    let settings: ActionSettings

    init(db: PostgresConnection, settings: ActionSettings) {
        limiter = UsageLimiter(db: db)
        store = ActionStore(db: db)
        self.settings = settings
    }

    static func scope(_ action: InstagramAction) -> String { "action:" + action.family.rawValue }
    static func subject(_ instagramUserID: String) -> String { "ig:" + instagramUserID }

    /// The operator's limit of an action's family.
    func globalLimit(_ action: InstagramAction) -> Int {
        switch action.family {
        case .follow: settings.followLimit
        case .like: settings.likeLimit
        default: settings.commentLimit
        }
    }

    /// The account's window for an action's family.
    func window(_ action: InstagramAction, account: String) throws(PostgresError) -> RollingWindow {
        window(action, own: try store.ownLimit(instagramUserID: account, family: action.family))
    }

    /// The window for an action's family given the account's own limit (nil: the operator's).
    func window(_ action: InstagramAction, own: Int?) -> RollingWindow {
        .daily(min(own ?? Int.max, globalLimit(action)))
    }

    /// Takes a unit; the status after taking it, or (refused) as it stands. `window` when the caller read the
    /// account's own limit already (`ActionStore.standing`), else it is read here.
    func consume(_ action: InstagramAction, account: String,
                 window known: RollingWindow? = nil) throws(PostgresError) -> (allowed: Bool, status: QuotaStatus) {
        let window = if let known { known } else { try self.window(action, account: account) }
        return try limiter.consume(Self.scope(action), subject: Self.subject(account), window: window)
    }

    /// Gives the unit back (the action was not accepted); the status after.
    func giveBack(_ action: InstagramAction, account: String, status: QuotaStatus) -> QuotaStatus {
        try? limiter.giveBack(Self.scope(action), subject: Self.subject(account))
        return Self.returned(status)
    }

    /// `status` with its newest unit given back.
    static func returned(_ status: QuotaStatus) -> QuotaStatus {
        var back = status
        back.used = max(0, status.used - 1)
        return back
    }

    func status(_ action: InstagramAction, account: String) throws(PostgresError) -> QuotaStatus {
        try limiter.status(Self.scope(action), subject: Self.subject(account), window: window(action, account: account))
    }

    /// `RateLimit-*` and the `X-RateLimit-*` pair earlier clients read.
    static func headers(_ status: QuotaStatus) -> [(String, String)] {
        status.headers + [("X-RateLimit-Limit", "\(status.limit)"), ("X-RateLimit-Remaining", "\(status.remaining)"),
                          ("X-RateLimit-Reset", "\(Int(Date().timeIntervalSince1970) + status.resetSeconds)")]
    }
}
