import Web

/// Follower and following lists: v1 with decimal-offset `max_id` (facts §5.1).
enum FriendshipHandlers {
    static func followers(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        try list(&call, followers: true)
    }

    static func following(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        try list(&call, followers: false)
    }

    static func list(_ call: inout SandboxCall, followers: Bool) throws(InstagramError) -> HTTPResponse {
        _ = try call.requireLogin()
        guard let pk = MediaID.number(Substring(call.request.parameter("id") ?? "")), let user = call.world.user(pk: pk) else {
            throw InstagramError.fail("user_not_found", .badRequest, "unable to fetch \(followers ? "followers" : "following")")
        }
        guard call.world.canView(ownerPK: user.pk, viewerPK: call.viewer.pk) else { throw InstagramError.notAuthorized }
        let count = min(200, max(1, Int(call.request.query("count") ?? "") ?? 200))
        var offset = 0
        if let maxID = call.request.query("max_id"), !maxID.isEmpty {
            guard let value = Int(maxID), value >= 0 else { throw InstagramError.badRequest("Invalid max_id") }
            offset = value
        }
        let page = followers ? call.world.followersPage(of: user.pk, offset: offset, count: count)
                             : call.world.followingPage(of: user.pk, offset: offset, count: count)
        let renderer = call.renderer
        let users: [JSON] = page.pks.compactMap { call.world.user(pk: $0) }.map { renderer.userShort($0, numericPK: true) }
        let next = offset + page.pks.count
        var fields: [(String, JSON)] = [("users", .array(users)), ("big_list", .bool(page.total > count)),
                                        ("page_size", .number(count))]
        if next < page.total { fields.append(("next_max_id", .string(String(next)))) }
        fields += [("has_more", .bool(next < page.total)), ("should_limit_list_of_followers", false),
                   ("use_clickable_see_more", false), ("show_spam_follow_request_tab", false)]
        return InstagramResponse.ok(fields)
    }
}
