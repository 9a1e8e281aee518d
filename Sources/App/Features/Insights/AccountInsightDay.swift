import Foundation
import Postgres

/// One of Meta's days of a connected account (`instagram_account_insights`); nil where Meta gave no figure.
struct AccountInsightDay: Sendable, PostgresRecord, Encodable {
    var date: String
    var reach: Int64?
    var views: Int64?
    var followerCount: Int64?
    var profileActivity: Int64?
    var accountsEngaged: Int64?
    var totalInteractions: Int64?
    var missing: [String: String]
    var collectedAt: Date

    static let columns = """
        to_char(day, 'YYYY-MM-DD') AS date, reach, views, follower_count, profile_links_taps, accounts_engaged,
        total_interactions, missing::text AS missing, collected_at
        """

    enum CodingKeys: String, CodingKey {
        case date, reach, views, missing
        case followerCount = "follower_count", profileActivity = "profile_activity", accountsEngaged = "accounts_engaged"
        case totalInteractions = "total_interactions", collectedAt = "collected_at"
    }

    init(row: PostgresRow) throws(PostgresError) {
        date = try row.decode("date")
        reach = try row.decodeIfPresent("reach")
        views = try row.decodeIfPresent("views")
        followerCount = try row.decodeIfPresent("follower_count")
        profileActivity = try row.decodeIfPresent("profile_links_taps")
        accountsEngaged = try row.decodeIfPresent("accounts_engaged")
        totalInteractions = try row.decodeIfPresent("total_interactions")
        let text: String = try row.decode("missing")
        missing = (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
        collectedAt = try row.decode("collected_at")
    }
}

/// An account's collection state (`instagram_insight_collection`): `ok`, or paused after a rate limit or at the
/// usage budget until `pausedUntil`, `reconnect_required`, `failed`, with Meta's code and a sentence.
struct InsightCollectionState: Sendable, PostgresRecord, Encodable {
    var state: String
    var pausedUntil: Date?
    var errorCode: Int?
    var message: String?
    var lastRunAt: Date?

    static let columns = "state, paused_until, error_code, message, last_run_at"

    enum CodingKeys: String, CodingKey {
        case state, message
        case pausedUntil = "paused_until", errorCode = "error_code", lastRunAt = "last_run_at"
    }

    init(state: String = "ok", pausedUntil: Date? = nil, errorCode: Int? = nil, message: String? = nil, lastRunAt: Date? = nil) {
        self.state = state
        self.pausedUntil = pausedUntil
        self.errorCode = errorCode
        self.message = message
        self.lastRunAt = lastRunAt
    }

    init(row: PostgresRow) throws(PostgresError) {
        state = try row.decode("state")
        pausedUntil = try row.decodeIfPresent("paused_until")
        errorCode = try row.decodeIfPresent("error_code")
        message = try row.decodeIfPresent("message")
        lastRunAt = try row.decodeIfPresent("last_run_at")
    }
}
