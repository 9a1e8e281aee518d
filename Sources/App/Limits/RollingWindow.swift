import Foundation

/// A limit of `limit` uses in any `seconds`-long window (a rolling window: a use counts until it is
/// `seconds` old). The arithmetic only: `UsageLimiter` stores the uses and consumes atomically.
public struct RollingWindow: Sendable, Equatable {
    /// Uses allowed in one window.
    public var limit: Int
    /// The window's length in seconds.
    public var seconds: Int

    public init(limit: Int, seconds: Int) {
        self.limit = max(0, limit)
        self.seconds = max(1, seconds)
    }

    /// A limit per rolling 24 hours.
    public static func daily(_ limit: Int) -> RollingWindow { RollingWindow(limit: limit, seconds: 86_400) }

    /// Where a subject stands with `used` uses in the window, the oldest at `oldest`, at `now`.
    public func status(used: Int, oldest: Date?, now: Date) -> QuotaStatus {
        QuotaStatus(limit: limit, used: used, resetSeconds: resetSeconds(used: used, oldest: oldest, now: now))
    }

    /// Seconds until a use is given back: the oldest use leaves the window then (at least 1). With nothing
    /// used, the whole window.
    func resetSeconds(used: Int, oldest: Date?, now: Date) -> Int {
        guard used > 0, let oldest else { return seconds }
        let left = oldest.timeIntervalSince1970 + Double(seconds) - now.timeIntervalSince1970
        return min(seconds, max(1, Int(left.rounded(.up))))
    }
}

/// Where one subject stands against a `RollingWindow`, as the IETF `RateLimit-*` headers tell it.
public struct QuotaStatus: Sendable, Equatable {
    public var limit: Int
    public var used: Int
    /// Seconds until a use is given back.
    public var resetSeconds: Int

    public var remaining: Int { max(0, limit - used) }
    public var exhausted: Bool { used >= limit }

    /// `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`.
    public var headers: [(String, String)] {
        [("RateLimit-Limit", "\(limit)"), ("RateLimit-Remaining", "\(remaining)"), ("RateLimit-Reset", "\(resetSeconds)")]
    }
}
