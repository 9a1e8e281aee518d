import Synchronization

/// Sliding-window counters behind Instagram-like pacing: anonymous budgets per client address,
/// per-session GraphQL / mobile / other buckets, and daily action counts (facts §8.3).
public final class Pacer: Sendable {
    /// What a request is counted as.
    public enum Bucket: Sendable, Equatable {
        case graphql(String)
        case mobile
        case other
    }

    /// The verdict for one request.
    public enum Verdict: Sendable, Equatable {
        case allowed
        /// Anonymous budget spent: the caller must log in.
        case loginRequired
        /// Session pacing exceeded: 429.
        case pleaseWait
    }

    struct State {
        var windows: [String: [Double]] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Counts an anonymous request from `client` and judges it.
    public func anonymous(client: String, limits: PacingLimits, now: Double) -> Verdict {
        guard limits.enabled else { return .allowed }
        return take("anon|\(client)", limit: limits.anonymousRequests, window: limits.anonymousWindowSeconds, now: now)
            ? .allowed : .loginRequired
    }

    /// Counts a logged-in request and judges it against its bucket (and the GraphQL total).
    public func session(_ id: String, bucket: Bucket, limits: PacingLimits, now: Double) -> Verdict {
        guard limits.enabled else { return .allowed }
        switch bucket {
        case .graphql(let query):
            let total = take("gqltotal|\(id)", limit: limits.graphqlTotal, window: limits.graphqlTotalWindowSeconds, now: now)
            let one = take("gql|\(id)|\(query)", limit: limits.graphqlPerQuery, window: limits.graphqlPerQueryWindowSeconds, now: now)
            return total && one ? .allowed : .pleaseWait
        case .mobile:
            return take("mobile|\(id)", limit: limits.mobile, window: limits.mobileWindowSeconds, now: now) ? .allowed : .pleaseWait
        case .other:
            return take("other|\(id)", limit: limits.other, window: limits.otherWindowSeconds, now: now) ? .allowed : .pleaseWait
        }
    }

    /// Counts an action; false when the daily threshold is passed.
    public func action(_ kind: ActionKind, session id: String, limits: PacingLimits, now: Double) -> Bool {
        guard limits.enabled else { return true }
        let limit: Int
        switch kind {
        case .follow: limit = limits.followsPerDay
        case .like: limit = limits.likesPerDay
        case .comment: limit = limits.commentsPerDay
        }
        return take("action|\(kind.rawValue)|\(id)", limit: limit, window: 86_400, now: now)
    }

    /// Forgets every counter.
    public func reset() {
        state.withLock { $0.windows.removeAll() }
    }

    /// Records one event in the window unless it is full. Refused events are not recorded.
    private func take(_ key: String, limit: Int, window: Int, now: Double) -> Bool {
        state.withLock { state in
            var times = state.windows[key] ?? []
            let cutoff = now - Double(window)
            if let firstKept = times.firstIndex(where: { $0 > cutoff }) {
                if firstKept > 0 { times.removeFirst(firstKept) }
            } else {
                times.removeAll()
            }
            guard times.count < limit else {
                state.windows[key] = times
                return false
            }
            times.append(now)
            state.windows[key] = times
            return true
        }
    }
}
