import Foundation

extension GraphAPIClient {
    static let accountFields = "username,name,biography,website,profile_picture_url,followers_count,follows_count,media_count"
    static let mediaFields = "id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,shortcode,timestamp,username,like_count,comments_count,children{id,media_type,media_url,thumbnail_url}"

    /// The accounts a token reaches: the token's own (Instagram Login), or the Instagram accounts of the Pages the
    /// Facebook user manages (Facebook Login), each with its profile.
    public func accounts(token: String) throws(GraphAPIError) -> [GraphAccount] {
        switch app.flavour {
        case .instagram:
            let object = try call("GET", app.apiURL + "/me", query: [("fields", "id,user_id,account_type," + GraphAPIClient.accountFields)], token: token)
            var account = try GraphAPIClient.account(object, id: "user_id")
            account.appScopedID = object["id"] as? String
            return [account]
        case .facebook:
            let person = try call("GET", app.apiURL + "/me", query: [("fields", "id")], token: token)["id"] as? String
            let pages = try call("GET", app.apiURL + "/me/accounts",
                                 query: [("fields", "id,name,instagram_business_account{id,username}"), ("limit", "100")], token: token)
            var result: [GraphAccount] = []
            for page in pages["data"] as? [[String: Any]] ?? [] {
                guard let linked = page["instagram_business_account"] as? [String: Any], let id = linked["id"] as? String else { continue }
                var account = try self.account(igUserID: id, token: token)
                account.pageID = page["id"] as? String
                account.appScopedID = person
                result.append(account)
            }
            return result
        }
    }

    /// One account's profile by its IG user id.
    public func account(igUserID: String, token: String) throws(GraphAPIError) -> GraphAccount {
        let fields = (app.flavour == .instagram ? "user_id,account_type," : "id,") + GraphAPIClient.accountFields
        let object = try call("GET", app.apiURL + "/" + igUserID, query: [("fields", fields)], token: token)
        return try GraphAPIClient.account(object, id: app.flavour == .instagram ? "user_id" : "id")
    }

    /// A page of an account's media, newest first.
    public func media(igUserID: String, token: String, limit: Int, after: String?) throws(GraphAPIError) -> GraphMediaPage {
        var query = [("fields", GraphAPIClient.mediaFields), ("limit", String(limit))]
        if let after { query.append(("after", after)) }
        let object = try call("GET", app.apiURL + "/" + igUserID + "/media", query: query, token: token)
        return try GraphAPIClient.mediaPage(object)
    }

    static func account(_ object: [String: Any], id key: String) throws(GraphAPIError) -> GraphAccount {
        let id = (object[key] as? String) ?? (object[key] as? NSNumber)?.stringValue
        guard let id, let username = object["username"] as? String else {
            throw GraphAPIError(kind: .badAnswer, status: 200, message: "the account answer has no \(key) or username")
        }
        var account = GraphAccount(igUserID: id, username: username)
        account.name = object["name"] as? String
        account.accountType = object["account_type"] as? String
        account.biography = object["biography"] as? String
        account.website = object["website"] as? String
        account.profilePictureURL = object["profile_picture_url"] as? String
        account.followersCount = (object["followers_count"] as? NSNumber)?.intValue
        account.followsCount = (object["follows_count"] as? NSNumber)?.intValue
        account.mediaCount = (object["media_count"] as? NSNumber)?.intValue
        return account
    }
}
