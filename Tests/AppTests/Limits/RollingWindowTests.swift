import Foundation
import Testing
@testable import App

/// The window arithmetic of the rolling-window limiter.
@Suite struct RollingWindowTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func nothingUsedHasTheWholeLimitAndWindow() {
        let status = RollingWindow.daily(200).status(used: 0, oldest: nil, now: now)
        #expect(status.remaining == 200 && !status.exhausted)
        #expect(status.resetSeconds == 86_400)
    }

    @Test func aUseComesBackWhenTheOldestLeavesTheWindow() {
        let window = RollingWindow(limit: 3, seconds: 3600)
        let status = window.status(used: 3, oldest: now.addingTimeInterval(-3000.2), now: now)
        #expect(status.exhausted && status.remaining == 0)
        #expect(status.resetSeconds == 600) // 599.8 s rounded up
    }

    @Test func resetIsAtLeastOneSecondAndAtMostTheWindow() {
        let window = RollingWindow(limit: 1, seconds: 60)
        #expect(window.status(used: 1, oldest: now.addingTimeInterval(-60), now: now).resetSeconds == 1)
        #expect(window.status(used: 1, oldest: now.addingTimeInterval(5), now: now).resetSeconds == 60) // clock skew
    }

    @Test func overusedNeverShowsANegativeRemainder() {
        let status = RollingWindow(limit: 10, seconds: 60).status(used: 12, oldest: now, now: now)
        #expect(status.remaining == 0 && status.exhausted)
        #expect(status.headers.map(\.0) == ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"])
        #expect(status.headers.map(\.1) == ["10", "0", "60"])
    }

    @Test func negativeLimitsAndWindowsAreClamped() {
        let window = RollingWindow(limit: -5, seconds: 0)
        #expect(window.limit == 0 && window.seconds == 1)
    }
}
