import Foundation
import Instagram
import Postgres

/// A connected professional account as stored (never its token: that stays sealed in the row).
struct ConnectedAccount: Sendable, PostgresRecord {
    var id: Int64
    var userID: Int64
    var flavour: GraphFlavour
    var igUserID: String
    var username: String
    var name: String?
    var accountType: String?
    var biography: String?
    var website: String?
    var profilePictureURL: String?
    var followersCount: Int64?
    var followsCount: Int64?
    var mediaCount: Int64?
    var pageID: String?
    var tokenExpiresAt: Date?
    var tokenRefreshedAt: Date?
    var status: String
    var statusReason: String?
    var infoRefreshedAt: Date?
    var createdAt: Date
    var updatedAt: Date
    /// The webhook fields the account subscribed instagate's app to after its last connect (Instagram Login's
    /// `POST me/subscribed_apps`); nil when it has not.
    var webhookFields: [String]?
    /// Why that subscription failed, when it did.
    var webhookError: String?
    /// Meta's last usage report for the account (`x-business-use-case-usage`, percent), when the query joined it.
    var usagePercent: Int?
    /// Until when no call is made for the account (its usage was high), when the query joined it.
    var pausedUntil: Date?

    static let columns = """
        id, user_id, flavour, ig_user_id, username, name, account_type, biography, website, profile_picture_url,
        followers_count, follows_count, media_count, page_id, token_expires_at, token_refreshed_at, status,
        status_reason, info_refreshed_at, created_at, updated_at, webhook_fields, webhook_error
        """

    /// The columns and the account's usage report (`graph_usage` joined as `u` on the account's subject).
    static let columnsWithUsage = """
        a.id, a.user_id, a.flavour, a.ig_user_id, a.username, a.name, a.account_type, a.biography, a.website,
        a.profile_picture_url, a.followers_count, a.follows_count, a.media_count, a.page_id, a.token_expires_at,
        a.token_refreshed_at, a.status, a.status_reason, a.info_refreshed_at, a.created_at, a.updated_at, a.webhook_fields, a.webhook_error,
        u.percent AS usage_percent, u.paused_until AS usage_paused_until
        """

    init(row: PostgresRow) throws(PostgresError) {
        id = try row.decode("id")
        userID = try row.decode("user_id")
        flavour = GraphFlavour(rawValue: try row.decode("flavour")) ?? .instagram
        igUserID = try row.decode("ig_user_id")
        username = try row.decode("username")
        name = try row.decodeIfPresent("name")
        accountType = try row.decodeIfPresent("account_type")
        biography = try row.decodeIfPresent("biography")
        website = try row.decodeIfPresent("website")
        profilePictureURL = try row.decodeIfPresent("profile_picture_url")
        followersCount = try row.decodeIfPresent("followers_count")
        followsCount = try row.decodeIfPresent("follows_count")
        mediaCount = try row.decodeIfPresent("media_count")
        pageID = try row.decodeIfPresent("page_id")
        tokenExpiresAt = try row.decodeIfPresent("token_expires_at")
        tokenRefreshedAt = try row.decodeIfPresent("token_refreshed_at")
        status = try row.decode("status")
        statusReason = try row.decodeIfPresent("status_reason")
        infoRefreshedAt = try row.decodeIfPresent("info_refreshed_at")
        createdAt = try row.decode("created_at")
        updatedAt = try row.decode("updated_at")
        webhookFields = try row.decodeIfPresent("webhook_fields", as: String.self).map { $0.split(separator: ",").map(String.init) }
        webhookError = try row.decodeIfPresent("webhook_error")
        if row.contains("usage_percent") {
            usagePercent = try row.decodeIfPresent("usage_percent")
            pausedUntil = try row.decodeIfPresent("usage_paused_until")
        }
    }

    var isConnected: Bool { status == "connected" }

    /// The context the token is sealed under: bound to its owner and account, so a row copied elsewhere does not open.
    static func tokenContext(userID: Int64, igUserID: String) -> String { "instagram_account/\(userID)/\(igUserID)" }
}
