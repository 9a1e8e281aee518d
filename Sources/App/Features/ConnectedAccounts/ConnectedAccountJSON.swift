import Foundation
import Instagram

/// An account as the API shows it: the earlier service's names (`account_id`, `account_name`, `platform_user_id`,
/// `followers_count`, `following_count`, `account_type` `business`/`creator`) and the Graph API's beside them.
/// Never a token.
struct ConnectedAccountJSON: Encodable {
    var accountID: Int64
    var platform = "instagram"
    var accountName: String
    var username: String
    var name: String?
    var platformUserID: String
    var flavour: String
    var accountType: String?
    var graphAccountType: String?
    var status: String
    var statusReason: String?
    var followersCount: Int64?
    var followingCount: Int64?
    var mediaCount: Int64?
    var profilePictureURL: String?
    var pageID: String?
    var tokenExpiresAt: Date?
    var tokenRefreshedAt: Date?
    var connectedAt: Date
    var updatedAt: Date
    var graphUsage: GraphUsageJSON?
    /// Instagram Login: whether the account subscribed instagate's app to its webhook events at its last connect.
    var webhookSubscribed: Bool?
    /// Instagram Login: the fields subscribed (`comments`, `story_insights`).
    var webhookFields: [String]?
    /// Why the subscription failed, when it did (the connect itself succeeded).
    var webhookError: String?

    enum CodingKeys: String, CodingKey {
        case platform, username, name, flavour, status
        case webhookSubscribed = "webhook_subscribed", webhookFields = "webhook_fields", webhookError = "webhook_error"
        case accountID = "account_id", accountName = "account_name", platformUserID = "platform_user_id"
        case accountType = "account_type", graphAccountType = "graph_account_type", statusReason = "status_reason"
        case followersCount = "followers_count", followingCount = "following_count", mediaCount = "media_count"
        case profilePictureURL = "profile_picture_url", pageID = "page_id", tokenExpiresAt = "token_expires_at"
        case tokenRefreshedAt = "token_refreshed_at", connectedAt = "connected_at", updatedAt = "updated_at"
        case graphUsage = "graph_usage"
    }

    init(_ account: ConnectedAccount) {
        accountID = account.id
        accountName = account.username
        username = account.username
        name = account.name
        platformUserID = account.igUserID
        flavour = account.flavour.rawValue
        accountType = ConnectedAccountJSON.simpleType(account.accountType, flavour: account.flavour)
        graphAccountType = account.accountType
        status = account.status
        statusReason = account.statusReason
        followersCount = account.followersCount
        followingCount = account.followsCount
        mediaCount = account.mediaCount
        profilePictureURL = account.profilePictureURL
        pageID = account.pageID
        tokenExpiresAt = account.tokenExpiresAt
        tokenRefreshedAt = account.tokenRefreshedAt
        connectedAt = account.createdAt
        updatedAt = account.updatedAt
        graphUsage = GraphUsageJSON(account)
        if account.flavour == .instagram {
            webhookSubscribed = account.webhookFields != nil
            webhookFields = account.webhookFields
            webhookError = account.webhookError
        }
    }

    /// `business` or `creator` (Facebook Login does not say: its accounts are linked to a Page, so `business`).
    static func simpleType(_ graph: String?, flavour: GraphFlavour) -> String? {
        switch graph {
        case "MEDIA_CREATOR": return "creator"
        case "BUSINESS": return "business"
        case nil: return flavour == .facebook ? "business" : nil
        default: return graph?.lowercased()
        }
    }
}

/// `GET /api/sns/instagram/account/info`: the earlier service's `username, followers, following, bio,
/// account_type`, with the Graph API's names too.
struct AccountInfoJSON: Encodable {
    var accountID: Int64
    var username: String
    var name: String?
    var followers: Int64?
    var following: Int64?
    var bio: String?
    var accountType: String?
    var graphAccountType: String?
    var followersCount: Int64?
    var followsCount: Int64?
    var mediaCount: Int64?
    var biography: String?
    var website: String?
    var profilePictureURL: String?
    var status: String
    var refreshedAt: Date?
    var fromCache: Bool
    var graphUsage: GraphUsageJSON?

    enum CodingKeys: String, CodingKey {
        case username, name, followers, following, bio, biography, website, status
        case accountID = "account_id", accountType = "account_type", graphAccountType = "graph_account_type"
        case followersCount = "followers_count", followsCount = "follows_count", mediaCount = "media_count"
        case profilePictureURL = "profile_picture_url", refreshedAt = "refreshed_at", fromCache = "from_cache"
        case graphUsage = "graph_usage"
    }

    init(_ account: ConnectedAccount, fromCache: Bool) {
        accountID = account.id
        username = account.username
        name = account.name
        followers = account.followersCount
        following = account.followsCount
        bio = account.biography
        accountType = ConnectedAccountJSON.simpleType(account.accountType, flavour: account.flavour)
        graphAccountType = account.accountType
        followersCount = account.followersCount
        followsCount = account.followsCount
        mediaCount = account.mediaCount
        biography = account.biography
        website = account.website
        profilePictureURL = account.profilePictureURL
        status = account.status
        refreshedAt = account.infoRefreshedAt
        self.fromCache = fromCache
        graphUsage = GraphUsageJSON(account)
    }
}

/// Meta's last usage report for an account (`x-business-use-case-usage`) and, while it is high, until when
/// instagate makes no call for it (`paused_until`; calls answer 429 until then). Absent before any report.
struct GraphUsageJSON: Encodable {
    var percent: Int
    var pausedUntil: Date?

    enum CodingKeys: String, CodingKey {
        case percent
        case pausedUntil = "paused_until"
    }

    init?(_ account: ConnectedAccount, now: Date = Date()) {
        guard let percent = account.usagePercent else { return nil }
        self.percent = percent
        pausedUntil = account.pausedUntil.flatMap { $0 > now ? $0 : nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(percent, forKey: .percent)
        try container.encode(pausedUntil, forKey: .pausedUntil)
    }
}
