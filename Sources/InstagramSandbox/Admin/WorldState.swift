import Web

/// `GET /__sandbox/world`: every user, post, follow, like, comment and session, so tests assert effects.
enum WorldState {
    static func json(_ world: World) -> JSON {
        let users = world.users.values.sorted { $0.pk < $1.pk }
        let posts = world.posts.values.sorted { $0.takenAt > $1.takenAt }
        let name = { (pk: UInt64) in JSON.optional(world.user(pk: pk)?.username) }
        var follows: [JSON] = []
        for edges in world.followers.values {
            for edge in edges {
                follows.append(["follower": name(edge.follower), "follower_pk": .id(edge.follower), "followee": name(edge.followee),
                                "followee_pk": .id(edge.followee), "since": .number(edge.since), "pending": .bool(edge.pending)])
            }
        }
        follows.sort { ($0["since"]?.text ?? "") < ($1["since"]?.text ?? "") }
        let likes: [JSON] = world.likes.keys.sorted().flatMap { media in
            (world.likes[media] ?? []).map { user in
                ["user": name(user), "user_pk": .id(user), "media_pk": .id(media),
                 "shortcode": .optional(world.posts[media]?.shortcode), "post": .optional(world.posts[media]?.key)]
            }
        }
        let comments: [JSON] = world.comments.keys.sorted().flatMap { media in
            (world.comments[media] ?? []).map { comment in
                ["pk": .id(comment.pk), "user": name(comment.userPK), "user_pk": .id(comment.userPK), "media_pk": .id(media),
                 "shortcode": .optional(world.posts[media]?.shortcode), "post": .optional(world.posts[media]?.key),
                 "text": .string(comment.text), "created_at": .number(comment.createdAt)]
            }
        }
        return [
            "name": .string(world.name),
            "users": .array(users.map { user(world, $0) }),
            "generated_accounts": .array(world.generated.values.sorted { $0.ownerPK < $1.ownerPK }.map { account in
                ["owner": name(account.ownerPK), "owner_pk": .id(account.ownerPK), "followers": .number(account.followerCount),
                 "following": .number(account.followingCount), "mutual": .number(account.mutualCount), "seed": .number(Int64(account.seed)),
                 "first_generated_pk": .id(account.basePK)]
            }),
            "posts": .array(posts.map { post(world, $0) }),
            "follows": .array(follows), "likes": .array(likes), "comments": .array(comments),
            "sessions": .array(world.sessions.values.sorted { $0.sessionID < $1.sessionID }.map { session in
                WorldState.session(session, username: world.user(pk: session.userPK)?.username ?? "")
            }),
            "locations": .array(world.locations.values.sorted { $0.pk < $1.pk }.map { place in
                ["pk": .id(place.pk), "name": .string(place.name), "slug": .string(place.slug)]
            }),
            "share_tokens": .object(world.shareTokens.keys.sorted().map { ($0, .optional(world.posts[world.shareTokens[$0]!]?.shortcode)) }),
        ]
    }

    static func user(_ world: World, _ user: SandboxUser) -> JSON {
        ["pk": .id(user.pk), "username": .string(user.username), "full_name": .string(user.fullName),
         "is_private": .bool(user.isPrivate), "is_verified": .bool(user.isVerified),
         "follower_count": .number(world.followerCount(user.pk)), "following_count": .number(world.followingCount(user.pk)),
         "media_count": .number(world.mediaCount(user.pk)), "generated_graph": .bool(world.generated[user.pk] != nil)]
    }

    static func post(_ world: World, _ post: SandboxPost) -> JSON {
        ["key": .string(post.key), "shortcode": .string(post.shortcode), "pk": .id(post.pk), "media_id": .string(post.mediaID),
         "type": .string(post.kind.rawValue), "media_type": .number(post.kind.mediaType), "product_type": .string(post.kind.productType),
         "owner": .optional(world.user(pk: post.ownerPK)?.username), "owner_pk": .id(post.ownerPK), "taken_at": .number(post.takenAt),
         "caption": .optional(post.caption), "deleted": .bool(post.deleted), "like_count": .number(world.likeCount(post)),
         "comment_count": .number(world.commentCount(post)), "likes_hidden": .bool(post.likesHidden),
         "play_count": post.playCount.map { .number($0) } ?? .null, "view_count": post.viewCount.map { .number($0) } ?? .null,
         "location_pk": post.locationPK.map { .id($0) } ?? .null,
         "items": .array(post.items.map { item in
             ["pk": .id(item.pk), "is_video": .bool(item.isVideo), "image_file": .string(item.image.fileName),
              "video_file": .optional(item.video?.fileName), "width": .number(item.width), "height": .number(item.height),
              "image_cdn_path": .string(item.image.cdnPath), "video_cdn_path": .optional(item.video?.cdnPath)]
         })]
    }

    static func session(_ session: SandboxSession, username: String) -> JSON {
        ["sessionid": .string(session.sessionID), "sessionid_cookie": .string(PercentDecoding.encode(session.sessionID)),
         "user": .string(username), "user_pk": .id(session.userPK), "csrftoken": .string(session.csrfToken),
         "state": .string(session.state.rawValue), "unlimited": .bool(session.unlimited)]
    }
}
