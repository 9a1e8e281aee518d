import Web

/// Paged GraphQL answers: timelines, reels, tagged posts, followers.
extension GraphQLHandler {
    static func timelines(_ kind: RelayOperations.Kind, _ variables: [String: Any],
                          _ call: SandboxCall) throws(InstagramError) -> JSON? {
        let world = call.world
        let renderer = call.renderer
        let data = variables["data"] as? [String: Any] ?? [:]
        let idText = string(variables, "id") ?? string(variables, "user_id") ?? string(data, "target_user_id")
        let pk = idText.map { $0.hasPrefix("XIGUser:") ? String($0.dropFirst(8)) : $0 }.flatMap { UInt64($0) }
        guard let owner = string(variables, "username").flatMap({ world.user(username: $0) }) ?? pk.flatMap({ world.user(pk: $0) }) else {
            return nil
        }
        let count = min(50, max(1, JSONInput.int(variables["first"]) ?? JSONInput.int(data["count"]) ?? JSONInput.int(data["page_size"]) ?? 12))
        let visible = world.canView(ownerPK: owner.pk, viewerPK: call.viewer.pk)
        var posts = visible ? world.timeline(ownerPK: owner.pk) : []
        let after = string(variables, "after") ?? string(variables, "max_id")
        if owner.loginWall, call.viewer.pk == nil, !(after ?? "").isEmpty { throw call.loginError() }
        switch kind {
        case .loggedOutTimeline:
            guard let offset = offset(after, .timeline, owner.pk) else { return nil }
            return ["node": ["id": .string("XIGUser:\(owner.pk)"),
                             "polaris_ordered_timeline_connection": orderedTimeline(posts, owner: owner.pk, offset: offset,
                                                                                    count: count, renderer: renderer)]]
        case .legacyTimeline:
            guard let offset = offset(after, .timeline, owner.pk) else { return nil }
            let slice = Array(posts.dropFirst(offset).prefix(count))
            let more = offset + slice.count < posts.count
            return ["user": ["edge_owner_to_timeline_media": [
                "count": .number(world.mediaCount(owner.pk)),
                "page_info": ["has_next_page": .bool(more), "end_cursor": more ? .string(Cursor.encode(.timeline, owner: owner.pk, offset: offset + slice.count)) : nil],
                "edges": .array(slice.map { ["node": renderer.timelineNode($0)] })]]]
        default:
            if kind == .reels || kind == .reelsGDL { posts = posts.filter { $0.kind == .reel } }
            if kind == .tagged { posts = world.posts.values.filter { $0.taggedPKs.contains(owner.pk) && !$0.deleted }.sorted { $0.takenAt > $1.takenAt } }
            let page: ([SandboxPost], Bool)
            do {
                page = try ProfileHandlers.page(posts, after: after, count: count)
            } catch {
                return nil
            }
            let edges: [JSON] = page.0.map { post in
                let item = renderer.mediaItem(post)
                return ["node": kind == .reels || kind == .reelsGDL ? ["media": item] : item, "cursor": .string(post.mediaID)]
            }
            let connection: JSON = ["edges": .array(edges), "page_info": [
                "has_next_page": .bool(page.1), "end_cursor": page.1 ? .optional(page.0.last?.mediaID) : nil,
                "has_previous_page": .bool(after != nil), "start_cursor": .optional(page.0.first?.mediaID)]]
            let root: String
            switch kind {
            case .reels, .reelsGDL: root = "xdt_api__v1__clips__user__connection_v2"
            case .tagged: root = "xdt_api__v1__usertags__user_id__feed_connection"
            default: root = "xdt_api__v1__feed__user_timeline_graphql_connection"
            }
            return .object([(root, connection)])
        }
    }

    /// An opaque cursor's offset; 0 without one; nil for a cursor never issued.
    static func offset(_ cursor: String?, _ kind: Cursor.Kind, _ owner: UInt64) -> Int? {
        guard let cursor, !cursor.isEmpty else { return 0 }
        return Cursor.decode(cursor, kind: kind, owner: owner)
    }

    /// `polaris_ordered_timeline_connection`: nodes are v1 items (IL reads `code`).
    static func orderedTimeline(_ posts: [SandboxPost], owner: UInt64, offset: Int, count: Int, renderer: Renderer) -> JSON {
        let slice = Array(posts.dropFirst(offset).prefix(count))
        let more = offset + slice.count < posts.count
        return ["edges": .array(slice.map { ["node": renderer.mediaItem($0), "cursor": .string($0.mediaID)] }),
                "page_info": ["has_next_page": .bool(more),
                              "end_cursor": more ? .string(Cursor.encode(.timeline, owner: owner, offset: offset + slice.count)) : nil,
                              "has_previous_page": .bool(offset > 0), "start_cursor": nil]]
    }

    /// Followers / following by query_hash (`edge_followed_by` / `edge_follow`), logged in only.
    static func people(_ followers: Bool, _ variables: [String: Any], _ call: SandboxCall) throws(InstagramError) -> JSON? {
        _ = try call.requireLogin()
        let world = call.world
        guard let pk = string(variables, "id").flatMap({ UInt64($0) }), let user = world.user(pk: pk) else { return ["user": nil] }
        guard world.canView(ownerPK: pk, viewerPK: call.viewer.pk) else { return ["user": nil] }
        let kind: Cursor.Kind = followers ? .followers : .following
        guard let offset = offset(string(variables, "after"), kind, pk) else { return nil }
        let count = min(50, max(1, JSONInput.int(variables["first"]) ?? 12))
        let page = followers ? world.followersPage(of: pk, offset: offset, count: count) : world.followingPage(of: pk, offset: offset, count: count)
        let renderer = call.renderer
        let viewer = call.viewer.pk
        let edges: [JSON] = page.pks.compactMap { world.user(pk: $0) }.map { person in
            ["node": renderer.graphUser(person).setting("followed_by_viewer", .bool(viewer.map { world.isFollowing($0, person.pk) } ?? false))
                .setting("requested_by_viewer", .bool(viewer.map { world.hasRequested($0, person.pk) } ?? false))
                .setting("reel", ["id": .id(person.pk), "expiring_at": 0, "latest_reel_media": 0])]
        }
        let next = offset + page.pks.count
        let connection: JSON = ["count": .number(page.total),
                                "page_info": ["has_next_page": .bool(next < page.total),
                                              "end_cursor": next < page.total ? .string(Cursor.encode(kind, owner: pk, offset: next)) : nil],
                                "edges": .array(edges)]
        return ["user": .object([(followers ? "edge_followed_by" : "edge_follow", connection), ("id", .id(user.pk))])]
    }

    /// The web app's follow/like mutations.
    static func mutation(_ kind: RelayOperations.Kind, _ variables: [String: Any],
                         _ call: inout SandboxCall) throws(InstagramError) -> JSON? {
        switch kind {
        case .followMutation, .unfollowMutation:
            guard let target = string(variables, "target_user_id") else { return nil }
            call.request.pathParameters["id"] = target
            let answer = kind == .followMutation ? try ActionHandlers.follow(&call) : try ActionHandlers.unfollow(&call)
            let friendship = JSONInput.object(answer.body)?["friendship_status"] as? [String: Any]
            let status = JSONInput.bool(friendship?["following"]) ?? false
            let key = kind == .followMutation ? "xdt_create_friendship" : "xdt_destroy_friendship"
            let result: JSON = ["friendship_status": ["following": .bool(status)]]
            return .object([(key, result)])
        default:
            guard let media = string(variables, "media_id") else { return nil }
            call.request.pathParameters["id"] = media
            _ = kind == .likeMutation ? try ActionHandlers.like(&call) : try ActionHandlers.unlike(&call)
            return ["xig_media_like": ["media": ["id": .string(media), "has_liked": .bool(kind == .likeMutation)]]]
        }
    }
}
