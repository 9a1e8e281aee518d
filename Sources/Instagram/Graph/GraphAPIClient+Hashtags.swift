import Foundation

extension GraphAPIClient {
    /// Hashtags the account searched in the last 7 days (Meta counts 30 unique a week), by name where Meta gives it.
    public func recentlySearchedHashtags(igUserID: String, token: String) throws(GraphAPIError) -> [(id: String, name: String?)] {
        let object = try call("GET", app.apiURL + "/" + igUserID + "/recently_searched_hashtags", query: [("fields", "id,name")], token: token)
        return (object["data"] as? [[String: Any]] ?? []).compactMap { entry in
            (entry["id"] as? String).map { ($0, entry["name"] as? String) }
        }
    }

    /// The hashtag's id (`ig_hashtag_search`); counts against the account's weekly 30.
    public func hashtagID(_ tag: String, igUserID: String, token: String) throws(GraphAPIError) -> String {
        let object = try call("GET", app.apiURL + "/ig_hashtag_search", query: [("user_id", igUserID), ("q", tag)], token: token)
        guard let id = (object["data"] as? [[String: Any]])?.first?["id"] as? String else {
            throw GraphAPIError(kind: .badAnswer, status: 200, message: "ig_hashtag_search answered no id")
        }
        return id
    }

    /// A page of the hashtag's top (most liked) or recent (last 24 hours) public media.
    public func hashtagMedia(_ hashtagID: String, igUserID: String, token: String, top: Bool, limit: Int,
                             after: String?) throws(GraphAPIError) -> GraphMediaPage {
        var query = [("user_id", igUserID), ("limit", String(limit)),
                     ("fields", "id,caption,media_type,media_url,permalink,timestamp,like_count,comments_count,children{id,media_type,media_url}")]
        if let after { query.append(("after", after)) }
        let object = try call("GET", app.apiURL + "/" + hashtagID + (top ? "/top_media" : "/recent_media"), query: query, token: token)
        return try GraphAPIClient.mediaPage(object)
    }

    static func mediaPage(_ object: [String: Any]) throws(GraphAPIError) -> GraphMediaPage {
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: object["data"] as? [Any] ?? [])
        } catch {
            throw GraphAPIError(kind: .badAnswer, status: 200, message: "the media list has no data")
        }
        let media: [GraphMedia]
        do {
            media = try JSONDecoder().decode([GraphMedia].self, from: data)
        } catch {
            throw GraphAPIError(kind: .badAnswer, status: 200, message: "a media item does not decode: \(error)")
        }
        let paging = object["paging"] as? [String: Any]
        let cursor = paging?["next"] != nil ? (paging?["cursors"] as? [String: Any])?["after"] as? String : nil
        return GraphMediaPage(media: media, nextCursor: cursor)
    }
}
