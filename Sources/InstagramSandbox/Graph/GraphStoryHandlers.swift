import Web

/// `GET /{ig-user-id}/stories` (graph-api.md §4: stories are not in `/media`): the account's live stories, those of
/// the last 24 hours on the sandbox clock (`/__sandbox/clock`, the one the web API's stories follow), oldest first,
/// as IG Media objects with `media_product_type` `STORY`, no caption and no counts.
enum GraphStoryHandlers {
    static let defaultFields = ["id"]

    static func stories(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let user = try GraphPublishHandlers.account(&call)
        let live = call.world.liveStories(ownerPK: user.pk, now: call.world.clock(call.realNow))
        let fields = GraphFields(call.parameter("fields"), defaults: defaultFields)
        let renderer = GraphRenderer(call: call)
        var data: [JSON] = []
        for story in live {
            data.append(try fields.render { value(of: story.post, user: user, field: $0, renderer: renderer) })
        }
        return GraphResponse.json(.object([("data", .array(data))]))
    }

    /// A story's field: the IG Media's own, except those a story has otherwise (product type, permalink) or do not have (left out).
    static func value(of post: SandboxPost, user: SandboxUser, field: GraphFields.Field, renderer: GraphRenderer) -> JSON? {
        switch field.name {
        case "media_product_type": return .string("STORY")
        case "permalink":
            return .string(renderer.call.sandbox.configuration.publicURL + "/stories/" + user.username + "/" + String(post.pk) + "/")
        case "caption", "like_count", "comments_count", "is_comment_enabled", "children": return .null
        default: return renderer.media(post, field: field)
        }
    }
}
