import Foundation
import Postgres
import TestSupport
import Testing
@testable import App

/// An answer's usage stored in one statement (the app's and the account's row), in PostgreSQL where every process
/// reads it; a pause in force is never shortened by a later, lower report.
@Suite(.needsStack)
struct GraphUsageStoreTests {
    @Test func bothRowsOfAnAnswerAndAPauseKept() throws {
        let app = TestApplication(.router)
        let db = try app.context.database()
        let tag = String(Int.random(in: 100_000_000...999_999_999))
        let store = GraphUsageStore(db: db)
        try store.store([GraphUsageStore.Row(subject: "app:t" + tag, percent: 40, wait: nil),
                         GraphUsageStore.Row(subject: "account:t" + tag, percent: 95, wait: 600)])
        #expect(try percent(db, "app:t" + tag) == 40 && percent(db, "account:t" + tag) == 95)
        let paused = try #require(try store.activePause(appID: "t" + tag, igUserID: "t" + tag))
        #expect(paused.subject == "account:t" + tag && paused.until.timeIntervalSinceNow > 590, "\(paused)")
        try store.store([GraphUsageStore.Row(subject: "account:t" + tag, percent: 10, wait: nil)])
        #expect(try percent(db, "account:t" + tag) == 10)
        let still = try #require(try store.activePause(appID: "t" + tag, igUserID: "t" + tag), "a lower report keeps the pause")
        #expect(still.until.timeIntervalSinceNow > 590)
        try db.query("DELETE FROM graph_usage WHERE subject IN (\("app:t" + tag), \("account:t" + tag))")
    }

    func percent(_ db: PostgresConnection, _ subject: String) throws -> Int {
        try db.query("SELECT percent FROM graph_usage WHERE subject = \(subject)").exactlyOne().decode("percent")
    }
}
