import Web

/// Follow, unfollow, like, unlike, comment (facts §6): they change the world.
enum ActionHandlers {
    /// The acting session, refused when blocked or past its daily threshold.
    static func actor(_ call: SandboxCall, _ kind: ActionKind) throws(InstagramError) -> (SandboxSession, SandboxUser) {
        let (session, user) = try call.requireLogin()
        if session.state == .actionBlocked { throw InstagramError.feedbackRequired(action: kind) }
        if !session.unlimited,
           !call.sandbox.pacer.action(kind, session: session.sessionID, limits: call.world.limits, now: call.now) {
            throw InstagramError.feedbackRequired(action: kind)
        }
        return (session, user)
    }

    /// POST `friendships/create/<pk>/` and the web follow paths.
    static func follow(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let (_, viewer) = try actor(call, .follow)
        let target = try call.user(pkText: call.request.parameter("id") ?? "")
        let now = Int(call.now)
        let result = call.sandbox.store.update { $0.follow(viewer: viewer.pk, target: target.pk, at: now) }
        return friendshipAnswer(call, result, legacy: result.following ? "following" : "requested")
    }

    /// POST `friendships/destroy/<pk>/` and the web unfollow paths.
    static func unfollow(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let (_, viewer) = try actor(call, .follow)
        let target = try call.user(pkText: call.request.parameter("id") ?? "")
        let result = call.sandbox.store.update { $0.unfollow(viewer: viewer.pk, target: target.pk) }
        return friendshipAnswer(call, result, legacy: nil)
    }

    static func friendshipAnswer(_ call: SandboxCall, _ result: World.Friendship, legacy: String?) -> HTTPResponse {
        var fields: [(String, JSON)] = []
        if call.path.contains("/web/friendships/"), let legacy { fields.append(("result", .string(legacy))) }
        fields += [("friendship_status", Renderer.friendshipJSON(result)), ("previous_following", .bool(result.previousFollowing))]
        return InstagramResponse.ok(fields)
    }

    static func like(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let (_, viewer) = try actor(call, .like)
        let post = try PostHandlers.post(call, idText: call.request.parameter("id") ?? "")
        call.sandbox.store.update { $0.like(user: viewer.pk, post: post.pk) }
        return InstagramResponse.ok([])
    }

    static func unlike(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let (_, viewer) = try actor(call, .like)
        let post = try PostHandlers.post(call, idText: call.request.parameter("id") ?? "")
        call.sandbox.store.update { $0.unlike(user: viewer.pk, post: post.pk) }
        return InstagramResponse.ok([])
    }

    /// POST `media/<id>/comment/` (mobile shape) and `web/comments/<pk>/add/` (web shape).
    static func comment(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let (_, viewer) = try actor(call, .comment)
        let post = try PostHandlers.post(call, idText: call.request.parameter("id") ?? "")
        let form = call.form
        guard let text = form["comment_text"], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw InstagramError.badRequest("Please enter a comment.")
        }
        guard text.count <= 2200 else { throw InstagramError.badRequest("Your comment is too long.") }
        if post.commentsDisabled { throw InstagramError.commentsOff }
        let now = Int(call.now)
        let replied = form["replied_to_comment_id"].flatMap { UInt64($0) }
        let comment = call.sandbox.store.update {
            $0.addComment(user: viewer.pk, post: post.pk, text: text, at: now, repliedTo: replied)
        }
        if call.path.contains("/web/comments/") {
            return InstagramResponse.ok([
                ("id", .id(comment.pk)), ("from", ["id": .id(viewer.pk), "username": .string(viewer.username),
                                                   "full_name": .string(viewer.fullName),
                                                   "profile_picture": .string(call.renderer.profilePicURL(viewer))]),
                ("text", .string(text)), ("created_time", .number(now))])
        }
        return InstagramResponse.ok([("comment", commentJSON(comment, user: viewer, renderer: call.renderer))])
    }

    /// POST `web/comments/<pk>/delete/<comment id>/`.
    static func deleteComment(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let (_, viewer) = try call.requireLogin()
        let post = try PostHandlers.post(call, idText: call.request.parameter("id") ?? "")
        let ids = (call.request.parameter("comment") ?? call.form["comment_ids_to_delete"] ?? "")
            .split(separator: ",").compactMap { UInt64($0) }
        guard !ids.isEmpty else { throw InstagramError.badRequest("Invalid comment id") }
        let removed = call.sandbox.store.update { world in
            ids.map { world.deleteComment(user: viewer.pk, post: post.pk, comment: $0) }.contains(true)
        }
        guard removed else { throw InstagramError.badRequest("Comment not found") }
        return InstagramResponse.ok([])
    }

    /// The v1 comment object (IG `Comment` needs pk, text, user.pk, created_at_utc, content_type, status).
    static func commentJSON(_ comment: SandboxComment, user: SandboxUser, renderer: Renderer) -> JSON {
        ["pk": .id(comment.pk), "text": .string(comment.text), "user_id": .id(user.pk), "user": renderer.userShort(user),
         "created_at": .number(comment.createdAt), "created_at_utc": .number(comment.createdAt), "content_type": "comment",
         "status": "Active", "type": 0, "bit_flags": 0, "media_id": .id(comment.mediaPK), "did_report_as_spam": false,
         "comment_like_count": 0, "replied_to_comment_id": comment.repliedToPK.map { .id($0) } ?? .null]
    }
}
