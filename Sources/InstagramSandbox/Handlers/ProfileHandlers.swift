import Web

/// Profiles and feeds (facts §4, §7).
enum ProfileHandlers {
    /// GET `/api/v1/users/web_profile_info/?username=<name>` (anonymous allowed).
    static func webProfileInfo(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        guard let name = call.request.query("username"), let user = call.world.user(username: name) else {
            throw InstagramError.userNotFound
        }
        let json = call.renderer.webProfileInfo(user) { Cursor.encode(.timeline, owner: user.pk, offset: $0) }
        return InstagramResponse.ok([("data", ["user": json])])
    }

    /// GET `/api/v1/users/<pk>/info/`.
    static func userInfo(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        _ = try call.requireLogin()
        let user = try call.user(pkText: call.request.parameter("id") ?? "")
        return InstagramResponse.ok([("user", call.renderer.userV1(user))])
    }

    /// GET `/api/v1/users/<username>/usernameinfo/`.
    static func usernameInfo(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        _ = try call.requireLogin()
        guard let user = call.world.user(username: call.request.parameter("username") ?? "") else {
            throw InstagramError.userNotFound
        }
        return InstagramResponse.ok([("user", call.renderer.userV1(user))])
    }

    /// GET `/api/v1/accounts/current_user/?edit=true`.
    static func currentUser(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let (_, user) = try call.requireLogin()
        let json = call.renderer.userV1(user).setting("email", .string("\(user.username)@example.com"))
            .setting("phone_number", "").setting("gender", 3).setting("birthday", .null)
        return InstagramResponse.ok([("user", json)])
    }

    /// GET `/api/v1/feed/user/<pk>/?count=&max_id=`: v1 items, `next_max_id` = `<pk>_<owner>` of the last one.
    static func userFeed(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let (_, _) = try call.requireLogin()
        let user = try call.user(pkText: call.request.parameter("id") ?? "")
        guard call.world.canView(ownerPK: user.pk, viewerPK: call.viewer.pk) else { throw InstagramError.notAuthorized }
        let count = min(50, max(1, Int(call.request.query("count") ?? "") ?? 12))
        let (items, more) = try page(call.world.timeline(ownerPK: user.pk), after: call.request.query("max_id"), count: count)
        let renderer = call.renderer
        var fields: [(String, JSON)] = [("items", .array(items.map { renderer.mediaItem($0) })),
                                        ("num_results", .number(items.count)), ("more_available", .bool(more))]
        if more, let last = items.last { fields.append(("next_max_id", .string(last.mediaID))) }
        fields.append(("user", renderer.userShort(user)))
        return InstagramResponse.ok(fields)
    }

    /// The posts after a `<pk>_<owner>` cursor; a cursor naming no post of this timeline is refused.
    static func page(_ posts: [SandboxPost], after cursor: String?, count: Int) throws(InstagramError) -> ([SandboxPost], Bool) {
        var start = 0
        if let cursor, !cursor.isEmpty {
            guard let id = MediaID(parsing: cursor), let index = posts.firstIndex(where: { $0.pk == id.pk }) else {
                throw InstagramError.badRequest("Invalid max_id")
            }
            start = index + 1
        }
        let slice = Array(posts.dropFirst(start).prefix(count))
        return (slice, start + slice.count < posts.count)
    }

    /// GET `/api/v1/friendships/show/<pk>/`: the relationship, top level.
    static func show(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let (_, viewer) = try call.requireLogin()
        let target = try call.user(pkText: call.request.parameter("id") ?? "")
        let friendship = call.world.friendship(viewer: viewer.pk, target: target.pk)
        guard case .object(let pairs) = Renderer.friendshipJSON(friendship) else { return InstagramResponse.ok([]) }
        return InstagramResponse.ok(pairs + [("is_blocking_reel", false), ("is_muting_reel", false)])
    }

    /// POST `/api/v1/friendships/show_many/` with `user_ids=1,2`.
    static func showMany(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let (_, viewer) = try call.requireLogin()
        let ids = (call.form["user_ids"] ?? "").split(separator: ",").compactMap { UInt64($0.trimmingCharacters(in: .whitespaces)) }
        let statuses: [(String, JSON)] = ids.map { pk in
            (String(pk), Renderer.friendshipJSON(call.world.friendship(viewer: viewer.pk, target: pk)))
        }
        return InstagramResponse.ok([("friendship_statuses", .object(statuses))])
    }
}
