import Foundation
import Instagram

/// What one `GraphAccountAccess` (a job run, a request) learnt once and reuses for its next calls to Meta, so a
/// publish's five calls do not each read and open the token, ask `graph_usage` for a pause and store the same
/// usage again: the opened token of each account, when the pause of its app and account was last found clear
/// (trusted for `recheckAfter` seconds, then asked again: a pause set by another process is seen that soon), and
/// the usage percentages this access last stored. Not thread-safe: used by one job or request.
final class GraphAccessMemo {
    /// Seconds a clear pause check (and a token read with it) is trusted before `graph_usage` is asked again.
    static let recheckAfter = 2.0

    private struct Checked {
        var token: String
        var at: Date
    }

    private var checked: [Int64: Checked] = [:]
    private var stored: [String: Int] = [:]

    /// The account's token read at a clear pause check younger than `recheckAfter`; nil when both must be asked again.
    func token(for accountID: Int64, now: Date = Date()) -> String? {
        guard let entry = checked[accountID], now.timeIntervalSince(entry.at) < GraphAccessMemo.recheckAfter else { return nil }
        return entry.token
    }

    /// Keeps the token read and the clear pause check made at `now`.
    func keep(_ token: String, for accountID: Int64, now: Date = Date()) {
        checked[accountID] = Checked(token: token, at: now)
    }

    /// A refreshed token replaces the kept one (the pause check keeps its time).
    func replaceToken(_ token: String, for accountID: Int64) {
        checked[accountID]?.token = token
    }

    /// Forgets the account's token and pause check: the next call reads and asks both again (after a pause was set,
    /// a refusal, a lost token).
    func forget(_ accountID: Int64) {
        checked[accountID] = nil
    }

    /// The rows of `usage` worth storing: those whose percentage differs from what this access last stored, or
    /// that start a pause (`wait` set). Marks them stored.
    func changed(_ rows: [GraphUsageStore.Row]) -> [GraphUsageStore.Row] {
        let fresh = rows.filter { $0.wait != nil || stored[$0.subject] != $0.percent }
        for row in fresh { stored[row.subject] = row.percent }
        return fresh
    }
}
