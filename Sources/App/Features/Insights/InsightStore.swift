import Foundation
import Postgres

/// Every statement of insights: `instagram_media_insights`, `instagram_account_insights`, `instagram_insight_collection`.
struct InsightStore {
    let db: PostgresConnection

    /// A published post due for a reading: never read, or read over an hour ago while younger than 48 hours, or
    /// over a day ago after that (`all`: every published post).
    struct DuePost: Sendable, PostgresRecord {
        var publicationID: Int64
        var mediaID: String
        var productType: String?

        init(row: PostgresRow) throws(PostgresError) {
            publicationID = try row.decode("id")
            mediaID = try row.decode("media_id")
            productType = try row.decodeIfPresent("media_product_type")
        }
    }

    func duePosts(accountID: Int64, all: Bool, limit: Int = 200) throws -> [DuePost] {
        try db.query("""
            SELECT p.id, p.media_id, last.media_product_type
            FROM instagram_publications p
            LEFT JOIN LATERAL (SELECT collected_at, media_product_type FROM instagram_media_insights m
                               WHERE m.publication_id = p.id ORDER BY collected_at DESC LIMIT 1) last ON true
            WHERE p.account_id = \(accountID) AND p.state = 'published' AND p.media_id IS NOT NULL
              AND (\(all) OR last.collected_at IS NULL
                   OR (p.published_at > now() - interval '48 hours' AND last.collected_at < now() - interval '55 minutes')
                   OR last.collected_at < now() - interval '23 hours 55 minutes')
            ORDER BY last.collected_at NULLS FIRST, p.id
            LIMIT \(limit)
            """, as: DuePost.self)
    }

    func addPoint(publication: Publication, productType: String, source: String, values: [String: Int], missing: [String: String]) throws -> MediaInsightPoint {
        let missingJSON = String(decoding: try JSONEncoder().encode(missing), as: UTF8.self)
        func v(_ name: String) -> Int64? { values[name].map(Int64.init) }
        return try db.queryExactlyOne("""
            INSERT INTO instagram_media_insights (publication_id, account_id, media_id, media_product_type, source, views, reach,
                likes, comments, shares, saved, total_interactions, profile_visits, follows, missing)
            VALUES (\(publication.id), \(publication.accountID), \(publication.mediaID ?? ""), \(productType), \(source), \(v("views")),
                \(v("reach")), \(v("likes")), \(v("comments")), \(v("shares")), \(v("saved")), \(v("total_interactions")),
                \(v("profile_visits")), \(v("follows")), \(missingJSON)::jsonb)
            RETURNING \(unsafeSQL: MediaInsightPoint.columns)
            """, as: MediaInsightPoint.self)
    }

    func points(publicationID: Int64, from: Date, to: Date) throws -> [MediaInsightPoint] {
        try db.query("""
            SELECT \(unsafeSQL: MediaInsightPoint.columns) FROM instagram_media_insights
            WHERE publication_id = \(publicationID) AND collected_at >= \(from) AND collected_at <= \(to)
            ORDER BY collected_at, id LIMIT 10000
            """, as: MediaInsightPoint.self)
    }

    func latestPoint(publicationID: Int64) throws -> MediaInsightPoint? {
        try db.queryOne("""
            SELECT \(unsafeSQL: MediaInsightPoint.columns) FROM instagram_media_insights
            WHERE publication_id = \(publicationID) ORDER BY collected_at DESC, id DESC LIMIT 1
            """, as: MediaInsightPoint.self)
    }

    /// The end of the account's latest stored day; nil when none is stored.
    func lastDayEnd(accountID: Int64) throws -> Date? {
        let rows = try db.query("SELECT max(day_end) AS last FROM instagram_account_insights WHERE account_id = \(accountID)")
        guard let row = rows.first else { return nil }
        let last: Date? = try row.decodeIfPresent("last")
        return last
    }

    /// Stores (or replaces) Meta's day ending at `end`: the day is the date before `end` (Meta's days end at midnight Pacific).
    func upsertDay(accountID: Int64, end: Date, values: [String: Int], missing: [String: String]) throws {
        let missingJSON = String(decoding: try JSONEncoder().encode(missing), as: UTF8.self)
        func v(_ name: String) -> Int64? { values[name].map(Int64.init) }
        try db.query("""
            INSERT INTO instagram_account_insights (account_id, day, day_end, reach, views, follower_count, profile_links_taps,
                accounts_engaged, total_interactions, missing)
            VALUES (\(accountID), ((\(end)::timestamptz AT TIME ZONE 'UTC') - interval '1 day')::date, \(end), \(v("reach")), \(v("views")),
                \(v("follower_count")), \(v("profile_links_taps")), \(v("accounts_engaged")), \(v("total_interactions")), \(missingJSON)::jsonb)
            ON CONFLICT (account_id, day) DO UPDATE SET reach = EXCLUDED.reach, views = EXCLUDED.views,
                follower_count = EXCLUDED.follower_count, profile_links_taps = EXCLUDED.profile_links_taps,
                accounts_engaged = EXCLUDED.accounts_engaged, total_interactions = EXCLUDED.total_interactions,
                missing = EXCLUDED.missing, collected_at = now()
            """)
    }

    /// The account's days whose date is within `from`…`to` (UTC dates).
    func days(accountID: Int64, from: Date, to: Date) throws -> [AccountInsightDay] {
        try db.query("""
            SELECT \(unsafeSQL: AccountInsightDay.columns) FROM instagram_account_insights
            WHERE account_id = \(accountID) AND day >= (\(from)::timestamptz AT TIME ZONE 'UTC')::date
              AND day <= (\(to)::timestamptz AT TIME ZONE 'UTC')::date
            ORDER BY day LIMIT 10000
            """, as: AccountInsightDay.self)
    }

    func collectionState(accountID: Int64) throws -> InsightCollectionState? {
        try db.queryOne("SELECT \(unsafeSQL: InsightCollectionState.columns) FROM instagram_insight_collection WHERE account_id = \(accountID)",
                        as: InsightCollectionState.self)
    }

    func setCollectionState(accountID: Int64, _ state: InsightCollectionState) throws {
        try db.query("""
            INSERT INTO instagram_insight_collection (account_id, state, paused_until, error_code, message, last_run_at, updated_at)
            VALUES (\(accountID), \(state.state), \(state.pausedUntil), \(state.errorCode), \(state.message), now(), now())
            ON CONFLICT (account_id) DO UPDATE SET state = EXCLUDED.state, paused_until = EXCLUDED.paused_until,
                error_code = EXCLUDED.error_code, message = EXCLUDED.message, last_run_at = now(), updated_at = now()
            """)
    }

    /// Connected accounts with their collection pause (`all`: paused ones too).
    func accountsToCollect(all: Bool) throws -> [ConnectedAccount] {
        try db.query("""
            SELECT \(unsafeSQL: ConnectedAccount.columns.split(separator: ",").map { "a." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", "))
            FROM instagram_accounts a LEFT JOIN instagram_insight_collection c ON c.account_id = a.id
            WHERE a.status = 'connected' AND (\(all) OR c.paused_until IS NULL OR c.paused_until <= now())
            ORDER BY a.id
            """, as: ConnectedAccount.self)
    }
}
