import Web

/// Hashtag search (Facebook Login only): `ig_hashtag_search`, the hashtag node, its `top_media` and `recent_media`,
/// and `recently_searched_hashtags`, within Meta's rule of 30 unique hashtags per account per rolling 7 days.
enum GraphHashtagHandlers {
    /// The hashtag's static, global id (17 digits from its name).
    static func id(of tag: String) -> String {
        String(17_843_000_000_000_000 + CDNPaths.fnv1a("hashtag:" + tag) % 1_000_000_000_000)
    }

    /// GET `/ig_hashtag_search?user_id=&q=`.
    static func search(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let user = try searcher(&call)
        let raw = try call.require("q")
        let tag = (raw.hasPrefix("#") ? String(raw.dropFirst()) : raw).lowercased()
        guard !tag.isEmpty, tag.count <= 100, tag.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw GraphError.graph("invalid_hashtag", "(#100) Invalid parameter: q must be a hashtag without spaces, punctuation or emoji", code: 100)
        }
        guard call.store.recordHashtagSearch(account: user.fbid, tag: tag, now: call.now) else {
            throw GraphError.graph("hashtag_limit", "(#100) This account has searched 30 unique hashtags in the last 7 days (the weekly limit)", code: 100)
        }
        return GraphResponse.json(.object([("data", .array([.object([("id", .string(id(of: tag)))])]))]))
    }

    /// GET `/{ig-user-id}/recently_searched_hashtags`.
    static func recent(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let user = try owned(&call, id: call.request.parameter("id") ?? "")
        let tags = call.store.recentHashtags(account: user.fbid, now: call.now)
        return GraphResponse.json(.object([("data", .array(tags.map { .object([("id", .string(id(of: $0))), ("name", .string($0))]) }))]))
    }

    /// GET `/{hashtag-id}/top_media` and `/recent_media` (`user_id` required): public posts with the tag, most liked
    /// first, or those of the last 24 hours newest first; at most 50 a page, `after` cursors only.
    static func media(_ call: inout GraphCall, top: Bool) throws(GraphError) -> HTTPResponse {
        _ = try searcher(&call)
        let hashtagID = call.request.parameter("id") ?? ""
        guard let tag = searchedTag(hashtagID, call) else { throw GraphError.unsupportedGet(hashtagID) }
        var posts = call.world.posts.values.filter { post in
            !post.deleted && call.world.user(pk: post.ownerPK)?.isPrivate == false
                && (post.caption?.lowercased().contains("#" + tag) ?? false)
        }
        if top {
            posts.sort { call.world.likeCount($0) > call.world.likeCount($1) }
        } else {
            posts = posts.filter { Double($0.takenAt) > call.now - 86_400 }.sorted { $0.takenAt > $1.takenAt }
        }
        let limit = min(Int(call.parameter("limit") ?? "") ?? 25, 50)
        let start = call.parameter("after").flatMap(GraphMediaPage.cursorIndex).map { $0 + 1 } ?? 0
        let slice = start < posts.count ? Array(posts[start..<min(posts.count, start + limit)]) : []
        let fields = GraphFields(call.parameter("fields"), defaults: ["id"])
        if fields.fields.contains(where: { $0.name == "username" }) { throw GraphError.nonexistingField("username") }
        let renderer = GraphRenderer(call: call)
        var data: [JSON] = []
        for post in slice { data.append(try fields.render { renderer.media(post, field: $0) }) }
        var object: [(String, JSON)] = [("data", .array(data))]
        if !slice.isEmpty {
            let after = GraphMediaPage.cursor(start + slice.count - 1)
            var paging: [(String, JSON)] = [("cursors", .object([("after", .string(after))]))]
            if start + slice.count < posts.count {
                let version = call.target.version.map { "/" + $0 } ?? ""
                paging.append(("next", .string(call.target.base + version + "/\(hashtagID)/\(top ? "top_media" : "recent_media")?user_id="
                                               + (call.parameter("user_id") ?? "") + "&limit=\(limit)&after=" + after)))
            }
            object.append(("paging", .object(paging)))
        }
        return GraphResponse.json(.object(object))
    }

    /// The hashtag of an id the caller's account searched in the last 7 days (Meta knows every hashtag; the sandbox
    /// only those asked for).
    static func searchedTag(_ hashtagID: String, _ call: GraphCall) -> String? {
        guard let user = call.parameter("user_id") else { return nil }
        return call.store.recentHashtags(account: user, now: call.now).first { id(of: $0) == hashtagID }
    }

    /// The hashtag node `/{hashtag-id}?fields=id,name`, when the id is one; nil otherwise.
    static func node(_ call: GraphCall, id hashtagID: String) throws(GraphError) -> HTTPResponse? {
        guard call.target.site == .facebookGraph, let token = call.token else { return nil }
        for account in GraphNodeHandlers.managed(by: token, call) {
            guard let user = call.world.user(username: account.username),
                  let tag = call.store.recentHashtags(account: user.fbid, now: call.now).first(where: { id(of: $0) == hashtagID }) else { continue }
            let fields = GraphFields(call.parameter("fields"), defaults: ["id", "name"])
            return GraphResponse.json(try fields.render { field in
                switch field.name {
                case "id": return .string(hashtagID)
                case "name": return .string(tag)
                default: return nil
                }
            })
        }
        return nil
    }

    /// The account in `user_id`, which the token must manage; Facebook Login only.
    static func searcher(_ call: inout GraphCall) throws(GraphError) -> SandboxUser {
        guard call.target.site == .facebookGraph else {
            throw GraphError.graph("unsupported", "(#3) Application does not have the capability to make this API call.", code: 3)
        }
        return try owned(&call, id: try call.require("user_id"))
    }

    static func owned(_ call: inout GraphCall, id: String) throws(GraphError) -> SandboxUser {
        let token = try call.requireToken()
        for account in GraphNodeHandlers.managed(by: token, call) {
            if let user = call.world.user(username: account.username), user.fbid == id { return user }
        }
        throw GraphError.unsupportedGet(id)
    }
}
