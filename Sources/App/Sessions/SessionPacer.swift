import Foundation
import Synchronization

/// Outbound pacing per Instagram session: calls made with one session are spaced at least `interval`
/// apart across all responder threads, so a burst of users cannot get the session blocked (facts §8.3).
final class SessionPacer: Sendable {
    static let shared = SessionPacer()
    private let nextSlot = Mutex<[String: ContinuousClock.Instant]>([:])

    /// Waits for this session's next slot (a blocking sleep on the calling thread) and books the one after it.
    func wait(session key: String, interval: Double) {
        guard interval > 0 else { return }
        let now = ContinuousClock.now
        let slot = nextSlot.withLock { slots -> ContinuousClock.Instant in
            let start = max(slots[key] ?? now, now)
            slots[key] = start + .milliseconds(Int64(interval * 1000))
            return start
        }
        let delay = slot - now
        if delay > .zero {
            Thread.sleep(forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
        }
    }
}
