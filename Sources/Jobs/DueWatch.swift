import Foundation
import Synchronization

/// One worker's idle slots and the earliest time a queued job of theirs falls due (a retry's backoff, a job enqueued
/// to run later): only the first idle slot (lowest index) waits for that time, and the slot it wakes takes it, so a job
/// falling due wakes one slot per worker, not every idle one (each would claim, and all but one find nothing). More
/// jobs due at that moment are the woken slot's chain; the other slots still come at their poll or a notification.
final class DueWatch: Sendable {
    private struct State {
        var idle: Set<Int> = []
        var dueAt: Date?
    }

    private let state = Mutex(State())

    /// A claim's answer: a queued job falls due at `date` (the earliest reported is kept).
    func report(_ date: Date) {
        state.withLock { $0.dueAt = min($0.dueAt ?? date, date) }
    }

    /// `slot` starts or stops waiting for work.
    func setIdle(_ slot: Int, _ isIdle: Bool) {
        state.withLock { state in
            if isIdle { state.idle.insert(slot) } else { state.idle.remove(slot) }
        }
    }

    /// The due time `slot` waits for: the earliest reported when it is the first idle slot, else nil.
    func dueTime(for slot: Int) -> Date? {
        state.withLock { $0.idle.min() == slot ? $0.dueAt : nil }
    }

    /// The slot woken by the due time takes it (it claims every kind next, which reports the following one).
    func take(at now: Date) {
        state.withLock { if let due = $0.dueAt, due <= now { $0.dueAt = nil } }
    }
}
