import Foundation
import Web

extension ConnectedAccountJSON {
    /// The object, keys in `JSONCoding`'s sorted order.
    func write(to out: inout JSONByteWriter) {
        out.open()
        out.field("account_id", accountID)
        out.field("account_name", accountName)
        out.field("account_type", accountType)
        out.field("connected_at", connectedAt)
        out.field("flavour", flavour)
        out.field("followers_count", followersCount)
        out.field("following_count", followingCount)
        out.field("graph_account_type", graphAccountType)
        graphUsage?.write(to: &out)
        out.field("media_count", mediaCount)
        out.field("name", name)
        out.field("page_id", pageID)
        out.field("platform", platform)
        out.field("platform_user_id", platformUserID)
        out.field("profile_picture_url", profilePictureURL)
        out.field("status", status)
        out.field("status_reason", statusReason)
        out.field("token_expires_at", tokenExpiresAt)
        out.field("token_refreshed_at", tokenRefreshedAt)
        out.field("updated_at", updatedAt)
        out.field("username", username)
        out.field("webhook_error", webhookError)
        if let webhookFields {
            out.key("webhook_fields")
            out.strings(webhookFields)
        }
        if let webhookSubscribed { out.field("webhook_subscribed", webhookSubscribed) }
        out.close()
    }
}

extension AccountInfoJSON {
    /// The object, keys in `JSONCoding`'s sorted order.
    func write(to out: inout JSONByteWriter) {
        out.open()
        out.field("account_id", accountID)
        out.field("account_type", accountType)
        out.field("bio", bio)
        out.field("biography", biography)
        out.field("followers", followers)
        out.field("followers_count", followersCount)
        out.field("following", following)
        out.field("follows_count", followsCount)
        out.field("from_cache", fromCache)
        out.field("graph_account_type", graphAccountType)
        graphUsage?.write(to: &out)
        out.field("media_count", mediaCount)
        out.field("name", name)
        out.field("profile_picture_url", profilePictureURL)
        out.field("refreshed_at", refreshedAt)
        out.field("status", status)
        out.field("username", username)
        out.field("website", website)
        out.close()
    }
}

extension GraphUsageJSON {
    /// `"graph_usage":{"paused_until":…,"percent":…}`.
    func write(to out: inout JSONByteWriter) {
        out.key("graph_usage")
        out.open()
        out.field("paused_until", dateOrNull: pausedUntil)
        out.field("percent", Int64(percent))
        out.close()
    }
}

extension ConnectedAccountHandlers.Listed {
    /// `{"accounts":[…],"count":N,"success":true}`.
    var json: HTTPResponse {
        var out = JSONByteWriter(capacity: 128 + accounts.count * 900)
        out.open()
        out.key("accounts")
        out.array(accounts) { $1.write(to: &$0) }
        out.field("count", Int64(count))
        out.field("success", success)
        out.close()
        return .bytes(out.bytes, contentType: "application/json; charset=utf-8")
    }
}

extension ConnectedAccountHandlers.Info {
    /// `{"account":{…},"success":true}`.
    var json: HTTPResponse {
        var out = JSONByteWriter(capacity: 1024)
        out.open()
        out.key("account")
        account.write(to: &out)
        out.field("success", success)
        out.close()
        return .bytes(out.bytes, contentType: "application/json; charset=utf-8")
    }
}
