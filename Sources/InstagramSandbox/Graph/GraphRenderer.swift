import Foundation

/// The IG User, IG Media and Page objects as the Graph API renders them (absent values are left out).
struct GraphRenderer {
    let call: GraphCall

    var world: World { call.world }

    static let userFields = ["id", "user_id", "ig_id", "username", "name", "account_type", "biography", "website",
                             "profile_picture_url", "followers_count", "follows_count", "media_count"]

    /// An IG User; `appScoped` renders `id` as the app-scoped id (Instagram Login's `/me`).
    func user(_ account: GraphFixtures.Account, _ user: SandboxUser, field: GraphFields.Field, appScoped: Bool) -> JSON? {
        switch field.name {
        case "id": return .string(appScoped ? GraphRenderer.appScopedID(user) : user.fbid)
        case "user_id": return call.target.site == .instagramGraph ? .raw(Array(user.fbid.utf8)) : nil
        case "ig_id": return .int(Int64(user.pk))
        case "username": return .string(user.username)
        case "name": return .string(user.fullName)
        case "account_type": return call.target.site == .instagramGraph ? .string(account.accountType) : nil
        case "biography": return user.biography.isEmpty ? .null : .string(user.biography)
        case "website": return (account.website ?? user.externalURL).map { .string($0) } ?? .null
        case "profile_picture_url": return .string(call.renderer.profilePicURL(user, hd: true))
        case "followers_count": return .int(Int64(world.followerCount(user.pk)))
        case "follows_count": return .int(Int64(world.followingCount(user.pk)))
        case "media_count": return .int(Int64(world.mediaCount(user.pk)))
        default: return nil
        }
    }

    /// The app-scoped id Instagram Login's `/me` answers as `id` (stable per user).
    static func appScopedID(_ user: SandboxUser) -> String { String(26_310_000_000_000_000 + user.pk) }

    /// An IG Media object.
    func media(_ post: SandboxPost, field: GraphFields.Field) -> JSON? {
        let first = post.items.first
        switch field.name {
        case "id": return .string(String(post.pk))
        case "caption": return post.caption.map { .string($0) } ?? .null
        case "media_type": return .string(GraphRenderer.mediaType(post))
        case "media_product_type": return .string(post.kind == .reel ? "REELS" : "FEED")
        case "media_url": return first.map { .string(mediaURL($0, carousel: post.kind == .carousel)) } ?? .null
        case "thumbnail_url": return first?.isVideo == true && post.kind != .carousel ? .string(call.renderer.cdnURL(first!.image, stp: "dst-jpg_e15_tt6")) : .null
        case "permalink": return .string(call.sandbox.configuration.publicURL + (post.kind == .reel ? "/reel/" : "/p/") + post.shortcode + "/")
        case "shortcode": return .string(post.shortcode)
        case "timestamp": return .string(GraphRenderer.timestamp(Double(post.takenAt)))
        case "username": return world.user(pk: post.ownerPK).map { .string($0.username) } ?? .null
        case "like_count": return post.likesHidden ? .null : .int(Int64(world.likeCount(post)))
        case "comments_count": return .int(Int64(world.commentCount(post)))
        case "is_comment_enabled": return .bool(!post.commentsDisabled)
        case "owner": return world.user(pk: post.ownerPK).map { .object([("id", .string($0.fbid))]) } ?? .null
        case "children": return post.kind == .carousel ? children(post, field.nested) : .null
        default: return nil
        }
    }

    func children(_ post: SandboxPost, _ nested: GraphFields?) -> JSON? {
        let selection = nested ?? GraphFields(nil, defaults: ["id"])
        var items: [JSON] = []
        for item in post.items {
            let rendered = try? selection.render { field in
                switch field.name {
                case "id": return .string(String(item.pk))
                case "media_type": return .string(item.isVideo ? "VIDEO" : "IMAGE")
                case "media_url": return .string(mediaURL(item, carousel: false))
                case "thumbnail_url": return item.isVideo ? .string(call.renderer.cdnURL(item.image, stp: "dst-jpg_e15_tt6")) : .null
                case "timestamp": return .string(GraphRenderer.timestamp(Double(post.takenAt)))
                default: return nil
                }
            }
            guard let rendered else { return nil }
            items.append(rendered)
        }
        return .object([("data", .array(items))])
    }

    func mediaURL(_ item: MediaItem, carousel: Bool) -> String {
        if let video = item.video, !carousel { return call.renderer.cdnURL(video, stp: "dst-mp4") }
        return call.renderer.cdnURL(item.image, stp: "dst-jpg_e35_tt6")
    }

    static func mediaType(_ post: SandboxPost) -> String {
        switch post.kind {
        case .photo: return "IMAGE"
        case .carousel: return "CAROUSEL_ALBUM"
        case .video, .reel, .igtv: return "VIDEO"
        }
    }

    /// `2026-05-04T09:12:33+0000`.
    static func timestamp(_ seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssZ"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
