import Foundation
import Web

/// `scheduled_at`: an RFC 3339 time with its offset (`2026-12-24T18:00:00+09:00`, `…Z`, fractions allowed), later
/// than now and at most `maxAhead` away. Checked when the post is scheduled or moved, not only when it is due.
enum ScheduledTime {
    /// How far ahead a post may be scheduled (75 days, as Meta's own planner allows).
    static let maxAhead: TimeInterval = 75 * 86_400

    /// The time, or the sentence naming what is wrong with it.
    static func parse(_ text: String, now: Date = Date()) -> Result<Date, ScheduleProblem> {
        let pattern = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$"#
        guard text.range(of: pattern, options: .regularExpression) != nil, let time = TimeParameter.parse(text) else {
            return .failure(ScheduleProblem("must be an RFC 3339 time with its offset, such as 2026-12-24T18:00:00+09:00"))
        }
        if time <= now { return .failure(ScheduleProblem("must be in the future (it is \(text), now is \(RFC3339.string(now)))")) }
        if time.timeIntervalSince(now) > maxAhead { return .failure(ScheduleProblem("must be at most 75 days ahead")) }
        return .success(time)
    }

    /// Why a `scheduled_at` was refused.
    struct ScheduleProblem: Error, Equatable {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// UTC RFC 3339 text of a time, for messages.
    enum RFC3339 {
        static func string(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
    }
}
