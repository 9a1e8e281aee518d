/// Profile shapes: `web_profile_info` (Graph), v1 `users/<id>/info/`, GraphQL profile query (facts §4).
extension Renderer {
    /// `data.user` of `web_profile_info`; no timeline edges for a private profile the viewer cannot see.
    public func webProfileInfo(_ user: SandboxUser, cursor: (Int) -> String) -> JSON {
        let visible = world.canView(ownerPK: user.pk, viewerPK: viewerPK)
        let posts = world.timeline(ownerPK: user.pk)
        let page = visible ? Array(posts.prefix(12)) : []
        let videos = posts.filter { $0.kind == .igtv }
        let timeline: JSON = ["count": .number(posts.count),
                              "page_info": ["has_next_page": .bool(visible && posts.count > 12),
                                            "end_cursor": visible && posts.count > 12 ? .string(cursor(12)) : .null],
                              "edges": .array(page.map { ["node": timelineNode($0)] })]
        let viewer = viewerPK
        return [
            "id": .id(user.pk), "fbid": .string(user.fbid), "username": .string(user.username),
            "full_name": .string(user.fullName), "biography": .string(user.biography),
            "bio_links": .array(user.externalURL.map { [["title": "", "url": .string($0), "link_type": "external"]] } ?? []),
            "external_url": .optional(user.externalURL), "is_private": .bool(user.isPrivate),
            "is_verified": .bool(user.isVerified), "is_business_account": .bool(user.isBusiness),
            "is_professional_account": .bool(user.isBusiness), "business_email": .null, "business_phone_number": .null,
            "business_category_name": .optional(user.category), "category_name": .optional(user.category),
            "profile_pic_url": .string(profilePicURL(user)), "profile_pic_url_hd": .string(profilePicURL(user, hd: true)),
            "edge_followed_by": ["count": .number(world.followerCount(user.pk))],
            "edge_follow": ["count": .number(world.followingCount(user.pk))],
            "edge_owner_to_timeline_media": timeline,
            "edge_felix_video_timeline": ["count": .number(videos.count), "page_info": ["has_next_page": false, "end_cursor": .null],
                                          "edges": .array(visible ? videos.map { ["node": timelineNode($0)] } : [])],
            "edge_saved_media": ["count": 0, "page_info": ["has_next_page": false, "end_cursor": .null], "edges": []],
            "edge_media_collections": ["count": 0, "page_info": ["has_next_page": false, "end_cursor": .null], "edges": []],
            "followed_by_viewer": .bool(viewer.map { world.isFollowing($0, user.pk) } ?? false),
            "follows_viewer": .bool(viewer.map { world.isFollowing(user.pk, $0) } ?? false),
            "requested_by_viewer": .bool(viewer.map { world.hasRequested($0, user.pk) } ?? false),
            "blocked_by_viewer": false, "has_blocked_viewer": false, "restricted_by_viewer": false,
            "highlight_reel_count": .number(world.highlights(ownerPK: user.pk).count), "has_clips": .bool(posts.contains { $0.kind == .reel }),
            "is_joined_recently": false, "country_block": false, "hide_like_and_view_counts": false,
        ]
    }

    /// The v1 user object (`users/<id>/info/`, `usernameinfo`, GraphQL profile query, `current_user`).
    public func userV1(_ user: SandboxUser) -> JSON {
        let hd = profilePicURL(user, hd: true)
        return [
            "pk": .id(user.pk), "pk_id": .id(user.pk), "id": .id(user.pk), "username": .string(user.username),
            "full_name": .string(user.fullName), "is_private": .bool(user.isPrivate), "is_verified": .bool(user.isVerified),
            "profile_pic_url": .string(profilePicURL(user)),
            "hd_profile_pic_url_info": ["url": .string(hd), "width": 320, "height": 320],
            "hd_profile_pic_versions": [["url": .string(hd), "width": 320, "height": 320]],
            "media_count": .number(world.mediaCount(user.pk)), "follower_count": .number(world.followerCount(user.pk)),
            "following_count": .number(world.followingCount(user.pk)), "is_business": .bool(user.isBusiness),
            "is_professional_account": .bool(user.isBusiness), "category": .optional(user.category),
            "biography": .string(user.biography), "external_url": .optional(user.externalURL),
            "fbid_v2": .string(user.fbid), "has_anonymous_profile_picture": .bool(user.profilePic == "a-default.jpg"),
            "total_igtv_videos": .number(world.timeline(ownerPK: user.pk).filter { $0.kind == .igtv }.count),
            "friendship_status": friendshipStatus(user.pk), "account_type": .number(user.isBusiness ? 2 : 1),
        ]
    }

    /// The object IL reads from the profile page (`xig_user_by_username`): v1 fields plus a page node `id`.
    public func pageProfile(_ user: SandboxUser) -> JSON {
        userV1(user).setting("id", .string("XIGUser:\(user.pk)")).setting("all_media_count", .number(world.mediaCount(user.pk)))
    }
}
