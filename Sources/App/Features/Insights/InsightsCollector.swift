import Foundation
import Instagram
import Logging
import Observability
import Postgres

/// Collects insights into PostgreSQL: what the `insights_collect` job runs every `INSTAGATE_GRAPH_INSIGHTS_INTERVAL`
/// and `instagate insights-collect` runs now. For each connected account (not paused): Meta's new days of the
/// account (reach and follower_count as a time series, views, profile activity, accounts engaged and interactions as
/// each day's total), then each published post that is due (hourly while younger than 48 hours, daily after).
///
/// Within the usage headers' budget: when `x-app-usage` or `x-business-use-case-usage` passes `budgetPercent`, the
/// account pauses until the next run. A rate limit (4, 17, 32, 613, 80002) pauses the account (4: every account)
/// with Meta's code and a sentence, until Meta's `estimated_time_to_regain_access` or an hour; nothing is lost,
/// because what was not read stays due (a day is read from the last stored one on, a post until it has its point).
public struct InsightsCollector {
    /// What one run did.
    public struct Outcome: Encodable, Sendable {
        public var accounts = 0
        public var days = 0
        public var posts = 0
        public var paused: [String: String] = [:]
        public var failed = 0
    }

    /// A new account's first run reads this many of Meta's past days.
    static let firstDays = 7
    /// Meta answers at most 30 days per call.
    static let maxDays = 29
    static let budgetPercent = 90
    static let dailyTotals = ["views", "profile_links_taps", "accounts_engaged", "total_interactions"]

    let db: PostgresConnection
    let accounts: ConnectedAccountStore
    let settings: GraphSettings
    let logger: Logger

    public init(db: PostgresConnection, box: SecretBox, settings: GraphSettings, logger: Logger) {
        self.db = db
        accounts = ConnectedAccountStore(db: db, box: box)
        self.settings = settings
        self.logger = logger
    }

    var store: InsightStore { InsightStore(db: db) }

    /// One run; `all` takes paused accounts and posts not yet due too; `accountID` only that account. `shouldStop`
    /// is asked between accounts.
    public func run(all: Bool = false, accountID: Int64? = nil, shouldStop: () throws -> Void = {}) throws -> Outcome {
        var outcome = Outcome()
        for account in try store.accountsToCollect(all: all) where accountID == nil || account.id == accountID {
            try shouldStop()
            guard settings.enabledFlavours.contains(account.flavour) else { continue }
            outcome.accounts += 1
            let state = try collect(account, all: all, outcome: &outcome)
            try store.setCollectionState(accountID: account.id, state)
            if state.state != "ok" { outcome.paused[String(account.id)] = state.state }
            if state.state == "failed" { outcome.failed += 1 }
            if state.state == "rate_limited", state.errorCode == 4 { break }
        }
        return outcome
    }

    /// Collects one account; its state afterwards.
    func collect(_ account: ConnectedAccount, all: Bool, outcome: inout Outcome) throws -> InsightCollectionState {
        let app = try settings.app(account.flavour)
        let client = GraphAPIClient(app: app, http: GraphAPIClient.makeHTTPClient(app: app, maxRetries: 1, requestTimeout: 20))
        let access = GraphAccountAccess(store: accounts, client: client, logger: logger, settings: settings)
        do {
            try collectDays(account, access: access, days: &outcome.days)
            for post in try store.duePosts(accountID: account.id, all: all) {
                if let paused = overBudget(client.usage, account: account) { return paused }
                guard let publication = try PublicationStore(db: db).find(id: post.publicationID) else { continue }
                let reading = try MediaInsightsReader(access: access, account: account).read(mediaID: post.mediaID, productType: post.productType)
                _ = try store.addPoint(publication: publication, productType: reading.productType, source: "collector",
                                       values: reading.values, missing: reading.missing)
                outcome.posts += 1
            }
            return overBudget(client.usage, account: account) ?? InsightCollectionState()
        } catch let error as GraphAPIError where error.pausedAtPercent != nil {
            // Held back by the shared usage budget (GraphAccountAccess): no call was made.
            return InsightCollectionState(state: "budget", pausedUntil: Date().addingTimeInterval(error.retryAfter ?? settings.insightsInterval),
                                          errorCode: nil, message: "Meta's usage headers say \(error.pausedAtPercent ?? 0) % of the call budget is used; collection waits.")
        } catch let error as GraphAPIError where error.kind == .rateLimited {
            let regain = client.usage.accounts[account.igUserID]?.regainAccessMinutes ?? 0
            let wait: Double = error.retryAfter ?? (regain > 0 ? Double(regain * 60) : 3600)
            logger.warning("insights collection paused: rate limit", metadata: [.accountID: "\(account.id)", .error: "\(error)"])
            return InsightCollectionState(state: "rate_limited", pausedUntil: Date().addingTimeInterval(wait), errorCode: error.code,
                                          message: "Meta's rate limit (code \(error.code ?? 0)) was reached; collection resumes after paused_until and reads everything not read yet.")
        } catch ConnectedAccountError.reconnectRequired {
            return InsightCollectionState(state: "reconnect_required", errorCode: 190,
                                          message: "The account's token no longer works: connect the account again to collect its insights.")
        } catch let error as GraphAPIError {
            logger.warning("insights collection failed", metadata: [.accountID: "\(account.id)", .error: "\(error)"])
            return InsightCollectionState(state: "failed", errorCode: error.code,
                                          message: "Meta answered an error (\(error.kind.rawValue), code \(error.code ?? 0)); the next run tries again.")
        }
    }

    /// A pause until the next run when the usage headers say the budget is spent.
    func overBudget(_ usage: GraphUsage, account: ConnectedAccount) -> InsightCollectionState? {
        let used = max(usage.appPercent ?? 0, usage.accounts[account.igUserID]?.percent ?? 0)
        guard used >= InsightsCollector.budgetPercent else { return nil }
        return InsightCollectionState(state: "budget", pausedUntil: Date().addingTimeInterval(settings.insightsInterval), errorCode: nil,
                                      message: "Meta's usage headers say \(used) % of the call budget is used; collection waits for the next run.")
    }

    /// Meta's days after the last stored one (the first time, the last `firstDays`): the latest day is learnt from
    /// Meta's own default window, so days are Meta's, whatever this host's clock says. Each day stored is counted in
    /// `days` as it is stored (a pause part-way still reports the days it stored).
    func collectDays(_ account: ConnectedAccount, access: GraphAccountAccess, days: inout Int) throws {
        let client = access.client
        let ig = account.igUserID
        let recent = try access.withToken(account) { (token) throws(GraphAPIError) in
            try client.accountInsights(igUserID: ig, metrics: ["reach", "follower_count"], totalValue: false, token: token)
        }
        guard let latest = recent.compactMap(\.endTime).max() else { return }
        let stored = try store.lastDayEnd(accountID: account.id)
        if let stored, stored >= latest { return }
        let floor = latest.addingTimeInterval(-Double(InsightsCollector.maxDays) * 86_400)
        let since = max(stored ?? latest.addingTimeInterval(-Double(InsightsCollector.firstDays) * 86_400), floor)
        var series = recent
        if since < latest.addingTimeInterval(-86_400) {
            series = try access.withToken(account) { (token) throws(GraphAPIError) in
                try client.accountInsights(igUserID: ig, metrics: ["reach", "follower_count"], totalValue: false, since: since, until: latest, token: token)
            }
        }
        let ends = Set(series.compactMap(\.endTime)).filter { $0 > since }.sorted()
        for end in ends {
            let totals = try access.withToken(account) { (token) throws(GraphAPIError) in
                try client.accountInsights(igUserID: ig, metrics: InsightsCollector.dailyTotals, totalValue: true,
                                           since: end.addingTimeInterval(-86_400), until: end, token: token)
            }
            var values: [String: Int] = [:]
            for figure in series where figure.endTime == end { values[figure.metric] = figure.value }
            for figure in totals { values[figure.metric] = figure.value }
            var missing: [String: String] = [:]
            if values["follower_count"] == nil {
                missing["follower_count"] = "Meta gives follower_count only for accounts of 100 followers or more, for the last 30 days"
            }
            for metric in ["reach"] + InsightsCollector.dailyTotals where values[metric] == nil { missing[metric] = "Meta gave no value for this day" }
            try store.upsertDay(accountID: account.id, end: end, values: values, missing: missing)
            days += 1
        }
    }
}
