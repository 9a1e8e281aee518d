import Foundation
import HTTPClient
import Synchronization

/// Meta's calls to an app's own endpoints, made by the sandbox itself (graph-api.md §7): webhook events POSTed to
/// the app's verified callback URL with `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with the app secret),
/// and the deauthorize and data-deletion callbacks (form field `signed_request`). A delivery not answered 2xx is
/// tried again as Meta does: at once, then a few more times with decreasing frequency over 36 hours
/// (`metaRetryDelays`; tests set shorter ones), those delays on the Graph clock (`/__sandbox/graph/clock`): moving it
/// on brings the next try forward as it does token expiry. Each delivery runs on its own thread; `reset` forgets them all.
public final class GraphWebhookDeliveries: Sendable {
    /// Where one app's calls go (the app dashboard's Webhooks and Business login settings).
    struct Subscription: Sendable {
        var callbackURL: String?
        var deauthorizeURL: String?
        var dataDeletionURL: String?
    }

    /// One attempt: when (Graph time, unix seconds) and the status answered (0: no answer).
    struct Attempt: Sendable {
        var at: Double
        var status: Int
    }

    /// One call to the app, its attempts and the last answer's body.
    struct Delivery: Sendable {
        var id: Int
        var kind: String
        var appID: String
        var url: String
        var body: [UInt8]
        var headers: [(String, String)]
        var attempts: [Attempt] = []
        var state = "pending"
        var response = ""
    }

    struct State: Sendable {
        var subscriptions: [String: Subscription] = [:]
        /// The fields each Instagram account enabled for an app (`POST /me/subscribed_apps`): app id → username → fields.
        var subscribedFields: [String: [String: [String]]] = [:]
        var deliveries: [Delivery] = []
        var retryDelays = GraphWebhookDeliveries.metaRetryDelays
        /// Bumped by `reset`: a delivery thread of an older generation stops.
        var generation = 0
        /// Seconds the Graph clock is ahead of the real one (`GraphStore.setClockOffset` tells it).
        var clockOffset: Double = 0
    }

    /// Seconds before each try after the first: again at once, then 1 min, 10 min, 1 h, 6 h, 12 h and 17 h (36 hours in all).
    static let metaRetryDelays: [Double] = [0, 60, 600, 3600, 6 * 3600, 12 * 3600, 17 * 3600 - 660]

    private let state = Mutex(State())
    /// Where delivery threads wait for their next try: broadcast when the Graph clock moves or everything is reset
    /// (each change is made while holding it, so a waiter cannot miss one).
    private let clock = NSCondition()

    public init() {}

    func reset() {
        changingClock {
            state.withLock { state in
                let generation = state.generation + 1
                state = State()
                state.generation = generation
            }
        }
    }

    /// The Graph clock now reads real time + `offset`: waiting tries that are now due are made.
    func clockMoved(offset: Double) {
        changingClock { state.withLock { $0.clockOffset = offset } }
    }

    private func changingClock(_ change: () -> Void) {
        clock.lock()
        defer { clock.unlock() }
        change()
        clock.broadcast()
    }

    /// Graph time now.
    var now: Double { state.withLock { Date().timeIntervalSince1970 + $0.clockOffset } }

    /// Waits until Graph time reaches `due`; false when `reset` ended this delivery's generation meanwhile.
    private func wait(until due: Double, generation: Int) -> Bool {
        clock.lock()
        defer { clock.unlock() }
        while true {
            let (now, current) = state.withLock { (Date().timeIntervalSince1970 + $0.clockOffset, $0.generation == generation) }
            guard current else { return false }
            if now >= due { return true }
            _ = clock.wait(until: Date(timeIntervalSinceNow: min(due - now, 60)))
        }
    }

    func subscription(app id: String) -> Subscription { state.withLock { $0.subscriptions[id] ?? Subscription() } }

    func subscribe(app id: String, _ change: (inout Subscription) -> Void) {
        state.withLock { change(&$0.subscriptions[id, default: Subscription()]) }
    }

    /// The fields an account enabled for an app's deliveries; nil when it has not subscribed the app.
    func subscribedFields(app id: String, account: String) -> [String]? {
        state.withLock { $0.subscribedFields[id]?[account] }
    }

    /// Every account that subscribed an app, by username, with its fields.
    func subscribedAccounts(app id: String) -> [String: [String]] {
        state.withLock { $0.subscribedFields[id] ?? [:] }
    }

    /// Sets (nil: ends) an account's subscription of an app.
    func setSubscribedFields(_ fields: [String]?, app id: String, account: String) {
        state.withLock { $0.subscribedFields[id, default: [:]][account] = fields }
    }

    var retryDelays: [Double] {
        get { state.withLock { $0.retryDelays } }
    }

    func setRetryDelays(_ delays: [Double]) { state.withLock { $0.retryDelays = delays } }

    var all: [Delivery] { state.withLock { $0.deliveries } }

    func delivery(_ id: Int) -> Delivery? { state.withLock { $0.deliveries.first { $0.id == id } } }

    /// Queues a call to `url` and starts its thread; returns its id.
    @discardableResult
    func deliver(kind: String, appID: String, url: String, body: [UInt8], headers: [(String, String)]) -> Int {
        let (id, generation, delays) = state.withLock { state in
            let id = state.deliveries.count + 1
            state.deliveries.append(Delivery(id: id, kind: kind, appID: appID, url: url, body: body, headers: headers))
            return (id, state.generation, state.retryDelays)
        }
        Thread.detachNewThread { [self] in run(id, generation: generation, delays: delays) }
        return id
    }

    /// Tries the delivery until an answer is 2xx or the delays run out.
    private func run(_ id: Int, generation: Int, delays: [Double]) {
        let client = HTTPClient(configuration: HTTPClientConfiguration(connectTimeout: 5, requestTimeout: 20, maxRetries: 0,
                                                                       maxRedirects: 0, userAgent: "facebookexternalua"))
        var last = now
        for attempt in 0...delays.count {
            if attempt > 0, !wait(until: last + delays[attempt - 1], generation: generation) { return }
            let current = state.withLock { state in state.generation == generation ? state.deliveries.first { $0.id == id } : nil }
            guard let delivery = current else { return }
            var status = 0
            var answer = ""
            if let response = try? client.send(HTTPClientRequest(method: "POST", url: delivery.url, headers: delivery.headers, body: delivery.body)) {
                status = response.status
                answer = String(decoding: response.body.prefix(4096), as: UTF8.self)
            }
            let done = (200..<300).contains(status)
            last = now
            let finished = state.withLock { state -> Bool in
                guard state.generation == generation, let index = state.deliveries.firstIndex(where: { $0.id == id }) else { return true }
                state.deliveries[index].attempts.append(Attempt(at: last, status: status))
                state.deliveries[index].response = answer
                if done { state.deliveries[index].state = "delivered" } else if attempt == delays.count { state.deliveries[index].state = "failed" }
                return done
            }
            if finished { return }
        }
    }
}
