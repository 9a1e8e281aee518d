import Foundation
import Postgres
import TestSupport
import Testing
@testable import App

/// `UsageLimiter` against the real PostgreSQL (`usage_consume`, `usage_give_back`, `usage_live`; migration 042: the
/// newest uses in `recent`, at most 64, folded into `used_at` when it is full): the limit holds across the folds,
/// a give-back takes the newest use whichever array holds it, and uses older than the window are not counted.
@Suite(.needsStack)
struct UsageLimiterTests {
    func limiter() throws -> (UsageLimiter, PostgresConnection, String) {
        let db = try TestApplication(.router).context.database()
        return (UsageLimiter(db: db), db, "limiter-test:" + String(Int.random(in: 100_000_000...999_999_999)))
    }

    @Test func theLimitHoldsAcrossTheFoldsAndAGiveBackTakesTheNewest() throws {
        let (limiter, db, subject) = try limiter()
        let window = RollingWindow(limit: 150, seconds: 3600)
        var allowed = 0
        for _ in 0..<160 where try limiter.consume("test", subject: subject, window: window).allowed { allowed += 1 }
        #expect(allowed == 150)
        #expect(try limiter.status("test", subject: subject, window: window).used == 150)
        let arrays = try db.query("""
            SELECT cardinality(used_at) AS old, cardinality(recent) AS new FROM usage_windows WHERE scope = 'test' AND subject = \(subject)
            """).exactlyOne()
        #expect(try arrays.decode("old", as: Int.self) == 128 && arrays.decode("new", as: Int.self) == 22, "two folds of 64")
        for _ in 0..<30 { try limiter.giveBack("test", subject: subject) }   // 22 from recent, then 8 from used_at
        #expect(try limiter.status("test", subject: subject, window: window).used == 120)
        let taken = try limiter.consume("test", subject: subject, window: window)
        #expect(taken.allowed && taken.status.used == 121)
    }

    @Test func usesOlderThanTheWindowAreNotCounted() throws {
        let (limiter, db, subject) = try limiter()
        // 100 uses two hours ago (in used_at), then 70 now: across a fold, which drops the expired ones.
        try db.run("""
            INSERT INTO usage_windows (scope, subject, used_at)
            SELECT 'test', \(subject), array_agg(now() - interval '2 hours' + i * interval '1 ms' ORDER BY i) FROM generate_series(1, 100) i
            """)
        let window = RollingWindow(limit: 80, seconds: 3600)
        #expect(try limiter.status("test", subject: subject, window: window).used == 0)
        var last = try limiter.consume("test", subject: subject, window: window)
        for _ in 1..<70 { last = try limiter.consume("test", subject: subject, window: window) }
        #expect(last.allowed && last.status.used == 70)
        #expect(try limiter.status("test", subject: subject, window: window).used == 70)
        let old = try db.query("SELECT cardinality(used_at) AS n FROM usage_windows WHERE scope = 'test' AND subject = \(subject)").exactlyOne()
        let kept = try old.decode("n", as: Int.self)
        #expect(kept == 64, "the fold dropped the expired uses: \(kept) kept")
    }
}
