import Web

/// One post: `media/<id>/info/`, oembed, the logged-out ruling, comments.
enum PostHandlers {
    /// The post a media-id path segment names (`<pk>` or `<pk>_<owner>`), if the viewer may see it.
    static func post(_ call: SandboxCall, idText: String) throws(InstagramError) -> SandboxPost {
        guard let id = MediaID(parsing: idText) else { throw InstagramError.invalidMediaID }
        guard let post = call.world.post(pk: id.pk), !post.deleted, id.ownerPK == nil || id.ownerPK == post.ownerPK else {
            throw InstagramError.mediaNotFound
        }
        guard call.world.canView(ownerPK: post.ownerPK, viewerPK: call.viewer.pk) else {
            throw call.viewer.pk == nil ? call.loginError() : InstagramError.notAuthorized
        }
        return post
    }

    /// GET `/api/v1/media/<id>/info/` (logged in): `{"items":[item],"num_results":1,...}`.
    static func info(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        _ = try call.requireLogin()
        let post = try post(call, idText: call.request.parameter("id") ?? "")
        return InstagramResponse.ok([("items", [call.renderer.mediaItem(post)]), ("num_results", 1),
                                     ("more_available", false), ("auto_load_more_enabled", false)])
    }

    /// GET `/api/v1/oembed/?url=https://www.instagram.com/p/<code>/`.
    static func oembed(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        guard let url = call.request.query("url"), let code = ShortcodeURL.code(in: url),
              let pk = Shortcode.decode(code), let post = call.world.visiblePost(pk: pk, viewerPK: call.viewer.pk),
              let owner = call.world.user(pk: post.ownerPK), let first = post.items.first else {
            throw InstagramError.fail("oembed_not_found", .notFound, "No Media Match")
        }
        let renderer = call.renderer
        return InstagramResponse.json([
            "version": "1.0", "title": .optional(post.caption), "author_name": .string(owner.username),
            "author_url": .string(call.links.web + "/" + owner.username), "author_id": .number(owner.pk),
            "media_id": .string(post.mediaID), "provider_name": "Instagram", "provider_url": "https://www.instagram.com",
            "type": "rich", "width": 658, "height": .null,
            "html": .string("<blockquote class=\"instagram-media\" data-instgrm-permalink=\"\(call.links.web)/p/\(post.shortcode)/\"></blockquote>"),
            "thumbnail_url": .string(renderer.cdnURL(first.image, stp: "dst-jpg_e35_s640x640_tt6")),
            "thumbnail_width": 640, "thumbnail_height": .number(first.height * 640 / max(1, first.width)), "can_view": true,
        ])
    }

    /// GET `/api/v1/web/get_ruling_for_content/?content_type=MEDIA&target_id=<pk>` (yt-dlp, logged out).
    static func ruling(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let target = call.request.query("target_id").flatMap { MediaID(parsing: $0) }
        guard let target, let post = call.world.post(pk: target.pk), !post.deleted else {
            return InstagramResponse.ok([("title", "Media not found"), ("description", "This content is unavailable."),
                                         ("gated", true)])
        }
        if !call.world.canView(ownerPK: post.ownerPK, viewerPK: call.viewer.pk) {
            return InstagramResponse.ok([("title", "Restricted Video"), ("description", "This account is private."),
                                         ("gated", true)])
        }
        return InstagramResponse.ok([("title", .null), ("description", .null), ("gated", false)])
    }

    /// GET `/api/v1/media/<id>/comments/`.
    static func comments(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        _ = try call.requireLogin()
        let post = try post(call, idText: call.request.parameter("id") ?? "")
        let renderer = call.renderer
        let list = (call.world.comments[post.pk] ?? []).compactMap { comment -> JSON? in
            guard let user = call.world.user(pk: comment.userPK) else { return nil }
            return ActionHandlers.commentJSON(comment, user: user, renderer: renderer)
        }
        return InstagramResponse.ok([("comments", .array(list)), ("comment_count", .number(call.world.commentCount(post))),
                                     ("has_more_comments", false), ("caption", renderer.caption(post))])
    }
}
