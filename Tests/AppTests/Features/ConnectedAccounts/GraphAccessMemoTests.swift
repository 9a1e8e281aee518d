import Foundation
import Instagram
import Testing
@testable import App

/// What one access (a publish job's run) reuses between its calls to Meta: the token and the clear pause check for
/// `recheckAfter` seconds only, forgotten after a pause or a refusal; a usage percentage stored again only when it
/// changed or starts a pause.
struct GraphAccessMemoTests {
    @Test func aTokenIsTrustedUntilTheRecheck() {
        let memo = GraphAccessMemo()
        let start = Date(timeIntervalSince1970: 1_000_000)
        #expect(memo.token(for: 7, now: start) == nil, "nothing kept: read and ask")
        memo.keep("IGAA-first", for: 7, now: start)
        #expect(memo.token(for: 7, now: start.addingTimeInterval(1.9)) == "IGAA-first")
        #expect(memo.token(for: 8, now: start) == nil, "another account's is its own")
        #expect(memo.token(for: 7, now: start.addingTimeInterval(GraphAccessMemo.recheckAfter)) == nil, "old: asked again")
    }

    @Test func aRefreshReplacesAndAPauseForgets() {
        let memo = GraphAccessMemo()
        let start = Date()
        memo.keep("IGAA-old", for: 7, now: start)
        memo.replaceToken("IGAA-new", for: 7)
        #expect(memo.token(for: 7, now: start) == "IGAA-new")
        memo.forget(7)
        #expect(memo.token(for: 7, now: start) == nil)
    }

    @Test func usageIsStoredWhenItChangesOrStartsAPause() {
        let memo = GraphAccessMemo()
        let app = GraphUsageStore.Row(subject: "app:1", percent: 3, wait: nil)
        let account = GraphUsageStore.Row(subject: "account:9", percent: 12, wait: nil)
        #expect(memo.changed([app, account]) == [app, account], "the first answer's are stored")
        #expect(memo.changed([app, account]).isEmpty, "the same again: nothing to store")
        let grown = GraphUsageStore.Row(subject: "account:9", percent: 13, wait: nil)
        #expect(memo.changed([app, grown]) == [grown])
        let pausing = GraphUsageStore.Row(subject: "account:9", percent: 13, wait: 60)
        #expect(memo.changed([app, pausing]) == [pausing], "a pause is always stored")
    }

    @Test func rowsOfAnAnswer() {
        let usage = GraphUsage(appPercent: 91, accounts: ["2": GraphUsage.Account(percent: 5, regainAccessMinutes: 3), "1": GraphUsage.Account(percent: 4)])
        let rows = GraphUsageStore.rows(usage, appID: "55", pausePercent: 90, pause: 600)
        #expect(rows == [GraphUsageStore.Row(subject: "app:55", percent: 91, wait: 600),
                         GraphUsageStore.Row(subject: "account:1", percent: 4, wait: nil),
                         GraphUsageStore.Row(subject: "account:2", percent: 5, wait: 180)], "\(rows)")
    }
}
