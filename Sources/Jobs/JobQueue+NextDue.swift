import Foundation
import Postgres

extension JobQueue {
    /// Seconds until the earliest queued, unpaused job of `kinds` that was not yet due `since` seconds ago falls due
    /// (negative when it already has), or nil when there is none: how long an idle slot may wait before claiming,
    /// since a job that becomes due later (a retry's backoff, a scheduled job) is announced by no notification.
    /// Jobs already due `since` seconds ago are left out: a claim made then did not take them (a capped kind at its
    /// cap, a row another claimer held), so waking for them would only spin. One statement; per kind one probe of the
    /// partial index `jobs_claimable (kind, run_at, id)`. Measured on PostgreSQL's clock, so the two hosts' clocks
    /// never disagree about it.
    public func secondsUntilNextDue(kinds: some Sequence<String>, notDueSince since: Double) throws(PostgresError) -> Double? {
        let names = Array(Set(kinds)).sorted()
        guard !names.isEmpty,
              let data = try? JSONSerialization.data(withJSONObject: names),
              let list = String(data: data, encoding: .utf8) else { return nil }
        let rows = try connection.query("""
            SELECT extract(epoch FROM min(next.run_at) - now())::float8 AS seconds
            FROM jsonb_array_elements_text(\(list)::jsonb) AS k(kind)
            CROSS JOIN LATERAL (
                SELECT run_at FROM jobs
                WHERE state = 'queued' AND kind = k.kind AND paused_at IS NULL
                  AND run_at > now() - make_interval(secs => \(max(0, since)))
                ORDER BY run_at LIMIT 1
            ) AS next
            """)
        return try rows.first?.decodeIfPresent("seconds", as: Double.self)
    }
}
