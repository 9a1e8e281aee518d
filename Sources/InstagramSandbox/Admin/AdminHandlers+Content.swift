import Foundation
import Web

/// Admin endpoints that move the sandbox clock and add content at run time: accounts, posts, stories, highlights.
extension AdminHandlers {
    /// GET `/__sandbox/clock`: the sandbox time (unix seconds) and its offset from the real clock.
    static func clock(_ call: inout SandboxCall) throws -> HTTPResponse {
        let world = call.sandbox.store.snapshot
        return InstagramResponse.json(["now": .number(world.clock(call.now)), "offset": .number(world.clockOffset)])
    }

    /// POST `/__sandbox/clock` `{"advance": seconds}` (or `{"offset": seconds}`): stories expire by this clock and
    /// content added later is dated by it. `{"offset": 0}` puts it back.
    static func advanceClock(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try body(call)
        let advance = JSONInput.int(options["advance"])
        let offset = JSONInput.int(options["offset"])
        guard (advance == nil) != (offset == nil) else { throw AdminError(.badRequest, "give either advance or offset (seconds)") }
        call.sandbox.store.update { world in world.clockOffset = offset ?? (world.clockOffset + (advance ?? 0)) }
        return try clock(&call)
    }

    /// POST `/__sandbox/users` `{"username":…, "full_name":…, "private":false, "profile_pic":"a-star.jpg", "login_wall":false}`
    /// (`login_wall`: logged-out callers get the first page of posts only).
    static func addUser(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try body(call)
        guard let username = JSONInput.string(options["username"]), !username.isEmpty, username.count <= 30 else {
            throw AdminError(.badRequest, "username is required")
        }
        let created = call.sandbox.store.update { world in
            world.addUser(username: username, fullName: JSONInput.string(options["full_name"]) ?? username,
                          isPrivate: JSONInput.bool(options["private"]) ?? false,
                          profilePic: JSONInput.string(options["profile_pic"]) ?? "a-default.jpg",
                          loginWall: JSONInput.bool(options["login_wall"]) ?? false)
        }
        guard let created else { throw AdminError(.conflict, "username \(username) is taken") }
        return InstagramResponse.json(WorldState.user(call.sandbox.store.snapshot, created), status: .created)
    }

    /// POST `/__sandbox/posts` `{"owner":…, "from":"<post key>", "count":1}`: new posts copying a world post's
    /// kind and media, the newest dated now on the sandbox clock. Answers `{"posts":[…]}`, newest first.
    static func addPosts(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try body(call)
        let world = call.world
        guard let owner = JSONInput.string(options["owner"]).flatMap({ world.user(username: $0) }), !owner.isGenerated else {
            throw AdminError(.badRequest, "owner must name a world user")
        }
        guard let source = JSONInput.string(options["from"]).flatMap({ world.post(key: $0) }) else {
            throw AdminError(.badRequest, "from must name a world post (its key)")
        }
        let count = JSONInput.int(options["count"]) ?? 1
        guard (1...5000).contains(count) else { throw AdminError(.badRequest, "count must be 1…5000") }
        let now = call.now
        let made = call.sandbox.store.update { $0.addPosts(owner: owner.pk, copying: source, count: count, now: $0.clock(now)) }
        let after = call.sandbox.store.snapshot
        return InstagramResponse.json(["posts": .array(made.map { WorldState.post(after, $0) })], status: .created)
    }

    /// POST `/__sandbox/posts/pin` `{"shortcode":…, "pinned":true}`: pins a post to the top of its owner's grid (or unpins it).
    static func pinPost(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try body(call)
        guard let post = JSONInput.string(options["shortcode"]).flatMap({ call.world.post(shortcode: $0) }) else {
            throw AdminError(.badRequest, "shortcode must name a world post")
        }
        let pinned = JSONInput.bool(options["pinned"]) ?? true
        call.sandbox.store.update { $0.posts[post.pk]?.pinned = pinned }
        return InstagramResponse.json(WorldState.post(call.sandbox.store.snapshot, call.sandbox.store.snapshot.posts[post.pk]!))
    }

    /// POST `/__sandbox/stories` `{"owner":…, "from":"<post key>", "item":0, "video":false}`: a story of the item's
    /// photo (or video), posted now on the sandbox clock, live for 24 hours.
    static func addStory(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try body(call)
        let world = call.world
        guard let owner = JSONInput.string(options["owner"]).flatMap({ world.user(username: $0) }), !owner.isGenerated else {
            throw AdminError(.badRequest, "owner must name a world user")
        }
        guard let source = JSONInput.string(options["from"]).flatMap({ world.post(key: $0) }) else {
            throw AdminError(.badRequest, "from must name a world post (its key)")
        }
        let index = JSONInput.int(options["item"]) ?? 0
        guard source.items.indices.contains(index) else { throw AdminError(.badRequest, "no such item") }
        let now = call.now
        let story = call.sandbox.store.update { $0.addStory(owner: owner.pk, item: source.items[index], now: $0.clock(now)) }
        return InstagramResponse.json(storyJSON(story), status: .created)
    }

    /// POST `/__sandbox/highlights` `{"owner":…, "title":…, "stories":["<story pk>", …]}`: a highlight keeping
    /// those stories of the owner (expired ones too).
    static func addHighlight(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try body(call)
        let world = call.world
        guard let owner = JSONInput.string(options["owner"]).flatMap({ world.user(username: $0) }) else {
            throw AdminError(.badRequest, "owner must name a world user")
        }
        let wanted = (options["stories"] as? [Any] ?? []).compactMap { JSONInput.string($0).flatMap { UInt64($0) } }
        let owned = world.stories[owner.pk] ?? []
        let items = wanted.compactMap { pk in owned.first { $0.post.pk == pk }?.post }
        guard !items.isEmpty, items.count == wanted.count else {
            throw AdminError(.badRequest, "stories must list story pks of the owner")
        }
        let title = JSONInput.string(options["title"]) ?? "Highlights"
        let now = call.now
        let highlight = call.sandbox.store.update { $0.addHighlight(owner: owner.pk, title: title, items: items, now: $0.clock(now)) }
        return InstagramResponse.json(["id": .id(highlight.id), "reel_id": .string(highlight.reelID), "title": .string(title),
                                       "owner": .string(owner.username), "created_at": .number(highlight.createdAt),
                                       "stories": .array(highlight.items.map { .id($0.pk) })], status: .created)
    }

    static func storyJSON(_ story: SandboxStory) -> JSON {
        let item = story.post.items[0]
        return ["pk": .id(story.post.pk), "code": .string(story.post.shortcode), "owner_pk": .id(story.post.ownerPK),
                "taken_at": .number(story.post.takenAt), "expiring_at": .number(story.expiringAt),
                "is_video": .bool(item.isVideo), "image_file": .string(item.image.fileName),
                "video_file": .optional(item.video?.fileName), "image_cdn_path": .string(item.image.cdnPath),
                "video_cdn_path": .optional(item.video?.cdnPath)]
    }
}
