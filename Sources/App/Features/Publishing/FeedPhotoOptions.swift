import Web

/// What Meta takes on a feed photo besides the image and caption (graph-api.md §3.2): `alt_text` (≤ 1,000
/// characters), `location_id`, `user_tags` (each with x and y on the image) and up to 3 `collaborators`. Read
/// from the same body as `PostRequest`; a photo with none of them stores no media (as before).
enum FeedPhotoOptions {
    /// The options' names, allowed in `PostRequest.Body` beside its own fields.
    static let fields: Set<String> = ["alt_text", "location_id", "user_tags", "collaborators"]

    struct Body: Decodable {
        var altText: String?
        var locationID: String?
        var userTags: [PublishedMedia.UserTag]?
        var collaborators: [String]?

        enum CodingKeys: String, CodingKey {
            case collaborators
            case altText = "alt_text", locationID = "location_id", userTags = "user_tags"
        }
    }

    /// The photo's media with its options, nil when none was given; each bad option named in `errors`.
    static func parse(_ request: HTTPRequest, imageURL: String, errors: inout [String: String]) throws(APIError) -> PublishedMedia? {
        guard let body = try request.decodeJSON(Body.self, into: &errors) else { return nil }
        var media = PublishedMedia(type: "IMAGE", imageURL: imageURL)
        media.altText = MediaFields.altText(body.altText, field: "alt_text", errors: &errors)
        media.locationID = MediaFields.locationID(body.locationID, errors: &errors)
        media.userTags = MediaFields.userTags(body.userTags, field: "user_tags", needsPosition: true, errors: &errors)
        media.collaborators = MediaFields.collaborators(body.collaborators, errors: &errors)
        let given = media.altText != nil || media.locationID != nil || media.userTags != nil || media.collaborators != nil
        return given ? media : nil
    }
}
