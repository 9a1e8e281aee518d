import Foundation
import Postgres

extension PublicationStore {
    /// This API user's posts whose day (`published_at`, else `scheduled_at`) is in `[from, to)`, in time order;
    /// failed and cancelled posts are not on the calendar.
    func calendar(userID: Int64, accountID: Int64?, from: Date, to: Date) throws -> [Publication] {
        try db.query("""
            SELECT \(unsafeSQL: Publication.columns) FROM instagram_publications
            WHERE user_id = \(userID) AND state NOT IN ('failed', 'cancelled')
              AND (\(accountID)::bigint IS NULL OR account_id = \(accountID))
              AND coalesce(published_at, scheduled_at) >= \(from) AND coalesce(published_at, scheduled_at) < \(to)
            ORDER BY coalesce(published_at, scheduled_at), id
            LIMIT 1000
            """, as: Publication.self)
    }
}
