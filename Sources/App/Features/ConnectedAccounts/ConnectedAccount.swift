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

    static let columns = """
        id, user_id, flavour, ig_user_id, username, name, account_type, biography, website, profile_picture_url,
        followers_count, follows_count, media_count, page_id, token_expires_at, token_refreshed_at, status,
        status_reason, info_refreshed_at, created_at, updated_at
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
    }

    var isConnected: Bool { status == "connected" }

    /// The context the token is sealed under: bound to its owner and account, so a row copied elsewhere does not open.
    static func tokenContext(userID: Int64, igUserID: String) -> String { "instagram_account/\(userID)/\(igUserID)" }
}
