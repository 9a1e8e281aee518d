extension GraphAPIClient {
    static let storyFields = "id,media_type,media_product_type,media_url,thumbnail_url,permalink,timestamp,username"

    /// `GET /{ig-user-id}/stories`: the account's live stories (the last 24 hours; `/media` lists none of them).
    public func stories(igUserID: String, token: String) throws(GraphAPIError) -> [GraphMedia] {
        let object = try call("GET", app.apiURL + "/" + igUserID + "/stories", query: [("fields", GraphAPIClient.storyFields)], token: token)
        return try GraphAPIClient.mediaPage(object).media
    }
}
