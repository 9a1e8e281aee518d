import Foundation
import Logging
import Synchronization

/// The Graph API's mutable state, shared by every thread: codes, tokens, the clock offset, the redirect URIs
/// registered at run time, call counts and limits, and the Graph's own armed faults.
public final class GraphStore: Sendable {
    struct State: Sendable {
        var codes: [String: GraphCode] = [:]
        var tokens: [String: GraphToken] = [:]
        var clockOffset: Double = 0
        var redirectURIs: [String: Set<String>] = [:]
        var appCalls: [String: [Double]] = [:]
        var accountCalls: [String: [Double]] = [:]
        var limits = GraphLimits()
        /// Unique hashtags each IG account searched, with when each first counted (rolling 7 days).
        var hashtagSearches: [String: [String: Double]] = [:]
        /// Media containers by id (`POST /{ig-user-id}/media`).
        var containers: [String: GraphContainer] = [:]
        /// When each account published, Graph time (the rolling 24 h of `content_publishing_limit`).
        var publications: [String: [Double]] = [:]
    }

    public let fixtures: GraphFixtures
    /// Faults armed for the Graph hosts only (`/__sandbox/graph/faults`), apart from the web API's.
    public let faults = FaultInjector()
    /// Media metrics refused on demand (`/__sandbox/graph/insights`).
    public let insightRefusals = GraphInsightRefusals()
    /// The apps' webhook subscriptions and callbacks, and the calls made to them (`/__sandbox/graph/webhooks/…`).
    public let webhooks = GraphWebhookDeliveries()
    private let state = Mutex(State())

    public init(fixtures: GraphFixtures) {
        self.fixtures = fixtures
        state.withLock { state in
            for app in fixtures.apps { state.redirectURIs[app.id] = Set(app.redirectURIs) }
        }
    }

    /// Back to the fixtures: no codes, no tokens, the clock at real time, no counts.
    public func reset() {
        state.withLock { $0 = State() }
        state.withLock { state in
            for app in fixtures.apps { state.redirectURIs[app.id] = Set(app.redirectURIs) }
        }
        faults.clear()
        insightRefusals.set([])
        webhooks.reset()
    }

    // MARK: clock

    /// Seconds the Graph clock is ahead of the real one.
    public var clockOffset: Double { state.withLock { $0.clockOffset } }

    /// Moves the Graph clock (never backwards past real time is not enforced: tests may go back).
    public func setClockOffset(_ offset: Double) {
        state.withLock { $0.clockOffset = offset }
        webhooks.clockMoved(offset: offset)
    }

    // MARK: apps

    func app(_ id: String) -> GraphFixtures.App? { fixtures.apps.first { $0.id == id } }

    func isRegistered(_ redirectURI: String, app id: String) -> Bool {
        state.withLock { $0.redirectURIs[id]?.contains(redirectURI) ?? false }
    }

    /// Adds a redirect URI to an app (as the app dashboard would); false when there is no such app.
    public func register(redirectURI: String, app id: String) -> Bool {
        guard app(id) != nil else { return false }
        state.withLock { _ = $0.redirectURIs[id, default: []].insert(redirectURI) }
        return true
    }

    func redirectURIs(app id: String) -> [String] {
        state.withLock { ($0.redirectURIs[id] ?? []).sorted() }
    }

    // MARK: codes and tokens

    func issueCode(app: GraphFixtures.App, username: String, redirectURI: String, scopes: [String], now: Double) -> String {
        let value = "AQ" + GraphRandom.string(150)
        let code = GraphCode(value: value, appID: app.id, flavour: app.flavour, username: username, redirectURI: redirectURI,
                             scopes: scopes, issuedAt: now)
        state.withLock { $0.codes[value] = code }
        return value
    }

    /// Why a code cannot be exchanged.
    enum CodeProblem: Error { case unknown, used, expired, redirectMismatch, otherApp }

    /// Marks the code used and returns it; the problem otherwise (a used code stays used).
    func redeem(code value: String, app id: String, redirectURI: String, now: Double) -> Result<GraphCode, CodeProblem> {
        state.withLock { state in
            guard var code = state.codes[value] else { return .failure(.unknown) }
            guard code.appID == id else { return .failure(.otherApp) }
            guard !code.used else { return .failure(.used) }
            guard now < code.issuedAt + code.lifetime else { return .failure(.expired) }
            guard code.redirectURI == redirectURI else { return .failure(.redirectMismatch) }
            code.used = true
            state.codes[value] = code
            return .success(code)
        }
    }

    func issueToken(_ kind: GraphToken.Kind, app id: String, username: String, scopes: [String], now: Double) -> GraphToken {
        let lifetime: Double? = switch kind {
        case .instagramShort: 3600
        case .facebookShort: 7200
        case .instagramLong, .facebookLong: 60 * 86_400
        case .page: nil
        }
        let prefix = kind.flavour == .instagram ? "IGAA" : "EAA"
        let token = GraphToken(value: prefix + GraphRandom.string(kind == .page ? 180 : 160), kind: kind, appID: id,
                               username: username, scopes: scopes, issuedAt: now, expiresAt: lifetime.map { now + $0 })
        state.withLock { $0.tokens[token.value] = token }
        return token
    }

    func token(_ value: String) -> GraphToken? { state.withLock { $0.tokens[value] } }

    /// Ends every token of the account's grant to the app (all apps when nil); how many.
    @discardableResult
    /// Revokes the user's working tokens (of one app, or of every app); the apps whose tokens it revoked.
    public func revoke(username: String, app id: String?, reason: GraphToken.Revocation) -> [String] {
        let removed = state.withLock { state in
            var apps: [String] = []
            for (value, token) in state.tokens where token.username == username && (id == nil || token.appID == id) && token.revoked == nil {
                state.tokens[value]?.revoked = reason
                apps.append(token.appID)
            }
            return apps
        }
        if reason == .appRemoved {
            // The app no longer gets the user's webhook events either.
            for app in Set(removed + (id.map { [$0] } ?? [])) { webhooks.setSubscribedFields(nil, app: app, account: username) }
        }
        return removed
    }

    /// Every token, for the admin view (values shortened).
    func tokenList() -> [GraphToken] { state.withLock { Array($0.tokens.values) }.sorted { $0.issuedAt < $1.issuedAt } }

    // MARK: usage

    public var limits: GraphLimits {
        get { state.withLock { $0.limits } }
    }

    public func setLimits(_ change: (inout GraphLimits) -> Void) {
        state.withLock { change(&$0.limits) }
    }

    /// Usage percentages after this call, or the code the call is refused with.
    enum CallOutcome { case allowed(app: Int, account: Int), refused(code: Int) }

    /// Counts one call of `app` about `account` at Graph time `now` (rolling hour per app, rolling day per account).
    func recordCall(app: String, account: String, now: Double) -> CallOutcome {
        state.withLock { state in
            if let code = state.limits.forcedCode, state.limits.forcedCount > 0 {
                state.limits.forcedCount -= 1
                if state.limits.forcedCount == 0 { state.limits.forcedCode = nil }
                return .refused(code: code)
            }
            var appCalls = state.appCalls[app, default: []].filter { $0 > now - 3600 }
            var accountCalls = state.accountCalls[account, default: []].filter { $0 > now - 86_400 }
            if appCalls.count >= state.limits.appCallsPerHour { return .refused(code: 4) }
            if accountCalls.count >= state.limits.accountCallsPerDay { return .refused(code: 80002) }
            appCalls.append(now)
            accountCalls.append(now)
            state.appCalls[app] = appCalls
            state.accountCalls[account] = accountCalls
            return .allowed(app: appCalls.count * 100 / max(1, state.limits.appCallsPerHour),
                            account: accountCalls.count * 100 / max(1, state.limits.accountCallsPerDay))
        }
    }

    /// Counts a hashtag search for an account: a tag counts once per rolling 7 days (repeating it neither counts
    /// again nor resets its time); false when it would be the 31st unique tag of the week.
    func recordHashtagSearch(account: String, tag: String, now: Double) -> Bool {
        state.withLock { state in
            var searched = state.hashtagSearches[account, default: [:]].filter { $0.value > now - 7 * 86_400 }
            if searched[tag] == nil {
                guard searched.count < 30 else { return false }
                searched[tag] = now
            }
            state.hashtagSearches[account] = searched
            return true
        }
    }

    /// The account's hashtags of the last 7 days, most recent first.
    func recentHashtags(account: String, now: Double) -> [String] {
        state.withLock { state in
            state.hashtagSearches[account, default: [:]].filter { $0.value > now - 7 * 86_400 }.sorted { $0.value > $1.value }.map(\.key)
        }
    }

    /// Runs `change` on the containers and publications under the lock.
    func withPublishing<T>(_ change: (inout [String: GraphContainer], inout [String: [Double]]) throws(GraphError) -> T) throws(GraphError) -> T {
        try state.withLock { (state) throws(GraphError) -> T in try change(&state.containers, &state.publications) }
    }

    /// Forgets the call counts (the limits stay).
    public func resetUsage() {
        state.withLock { state in
            state.appCalls = [:]
            state.accountCalls = [:]
            state.limits.forcedCode = nil
            state.limits.forcedCount = 0
        }
    }
}

extension Sandbox {
    /// The world's `graph.json` (beside its `media/` directory); none, or one that does not read, gives no Graph apps.
    static func graphFixtures(_ world: World, logger: Logger) -> GraphFixtures {
        let directory = (world.mediaDirectory as NSString).deletingLastPathComponent
        do {
            return try GraphFixtures.load(worldDirectory: directory)
        } catch {
            logger.error("graph.json does not read: the Graph API has no apps", metadata: ["error": "\(error)"])
            return GraphFixtures()
        }
    }
}
