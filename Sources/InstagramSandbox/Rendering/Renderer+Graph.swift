/// The Graph `shortcode_media` shape (facts §3.3): query_hash and old doc_id post queries, embeds, timelines.
extension Renderer {
    /// The full Graph node of a post. `prefix` is `""` or `"XDT"` for the `__typename`.
    public func graphMedia(_ post: SandboxPost, prefix: String = "") -> JSON {
        cached("graph" + prefix, post) { renderGraphMedia(post, prefix: prefix) }
    }

    func renderGraphMedia(_ post: SandboxPost, prefix: String) -> JSON {
        guard let owner = world.user(pk: post.ownerPK), let first = post.items.first else { return .null }
        let comments = world.comments[post.pk] ?? []
        let commentCount = world.commentCount(post)
        let likeCount: JSON = .number(post.likesHidden ? -1 : world.likeCount(post))
        var fields: [(String, JSON)] = [("__typename", .string(prefix + post.kind.graphTypename))]
        fields += graphItemFields(first, pk: post.pk, shortcode: post.shortcode, isCarousel: post.kind == .carousel)
        fields += [
            ("product_type", .string(post.kind.productType)),
            ("edge_media_to_caption", captionEdges(post)),
            ("caption_is_edited", false), ("has_ranked_comments", false),
            ("edge_media_to_comment", ["count": .number(commentCount)]),
            ("edge_media_to_parent_comment", commentConnection(comments, count: commentCount)),
            ("edge_media_preview_comment", ["count": .number(commentCount), "edges": []]),
            ("edge_media_preview_like", ["count": likeCount, "edges": []]),
            ("edge_liked_by", ["count": likeCount]),
            ("like_and_view_counts_disabled", .bool(post.likesHidden)),
            ("comments_disabled", .bool(post.commentsDisabled)),
            ("taken_at_timestamp", .number(post.takenAt)),
            ("location", graphLocation(post.locationPK)),
            ("owner", graphUser(owner).setting("edge_followed_by", ["count": .number(world.followerCount(owner.pk))])),
            ("edge_media_to_tagged_user", taggedEdges(post)),
            ("coauthor_producers", []), ("viewer_has_liked", .bool(world.hasLiked(viewerPK, post))),
            ("viewer_has_saved", false), ("is_ad", false),
        ]
        if first.isVideo && post.kind != .carousel {
            fields += [("video_view_count", post.viewCount.map { .number($0) } ?? .number(post.playCount ?? 0)),
                       ("video_play_count", post.playCount.map { .number($0) } ?? .null)]
        }
        if post.kind == .carousel {
            fields.append(("edge_sidecar_to_children", ["edges": .array(post.items.map { item in
                var child: [(String, JSON)] = [("__typename", .string(prefix + (item.isVideo ? "GraphVideo" : "GraphImage")))]
                child += graphItemFields(item, pk: item.pk, shortcode: Shortcode.encode(item.pk), isCarousel: false)
                child.append(("edge_media_to_tagged_user", ["edges": []]))
                return ["node": .object(child)]
            })]))
        }
        return .object(fields)
    }

    /// `id`, `shortcode`, dimensions, display URLs and video fields of one item.
    func graphItemFields(_ item: MediaItem, pk: UInt64, shortcode: String, isCarousel: Bool) -> [(String, JSON)] {
        let resources: [JSON] = [640, 750, 1080].map { width in
            let height = item.height * width / max(1, item.width)
            return ["src": .string(cdnURL(item.image, stp: "dst-jpg_e35_s\(width)x\(height)_tt6")),
                    "config_width": .number(width), "config_height": .number(height)]
        }
        var fields: [(String, JSON)] = [
            ("id", .id(pk)), ("shortcode", .string(shortcode)),
            ("dimensions", ["height": .number(item.height), "width": .number(item.width)]),
            ("display_url", .string(cdnURL(item.image, stp: "dst-jpg_e35_p1080x1080_sh0.08_tt6"))),
            ("display_resources", .array(resources)),
            ("accessibility_caption", .optional(item.accessibilityCaption)),
            ("is_video", .bool(item.isVideo && !isCarousel)),
        ]
        if let video = item.video, !isCarousel {
            fields += [
                ("video_url", .string(cdnURL(video, stp: "dst-mp4"))), ("video_duration", .double(item.duration)),
                ("has_audio", .bool(item.hasAudio)), ("thumbnail_src", .string(cdnURL(item.image, stp: "c0.0.640.640a_dst-jpg_e15_tt6"))),
                ("dash_info", ["is_dash_eligible": false, "video_dash_manifest": .null, "number_of_qualities": 1]),
            ]
        }
        return fields
    }

    func captionEdges(_ post: SandboxPost) -> JSON {
        guard let text = post.caption else { return ["edges": []] }
        return ["edges": [["node": ["created_at": .string(String(post.takenAt)), "text": .string(text)]]]]
    }

    func taggedEdges(_ post: SandboxPost) -> JSON {
        ["edges": .array(post.taggedPKs.compactMap { world.user(pk: $0) }.map { user in
            ["node": ["user": graphUser(user), "x": 0.5, "y": 0.6]]
        })]
    }

    /// The first comments of a post (oldest first, as the web shows them), with their count.
    func commentConnection(_ comments: [SandboxComment], count: Int) -> JSON {
        ["count": .number(count), "page_info": ["has_next_page": false, "end_cursor": .null],
         "edges": .array(comments.prefix(24).compactMap { comment in
             guard let user = world.user(pk: comment.userPK) else { return nil }
             return ["node": ["id": .id(comment.pk), "text": .string(comment.text), "created_at": .number(comment.createdAt),
                              "did_report_as_spam": false, "owner": graphUser(user), "viewer_has_liked": false,
                              "edge_liked_by": ["count": 0],
                              "edge_threaded_comments": ["count": 0, "page_info": ["has_next_page": false, "end_cursor": .null],
                                                         "edges": []]]]
         })]
    }

    /// The abridged Graph node of a profile timeline (`edge_owner_to_timeline_media`).
    public func timelineNode(_ post: SandboxPost) -> JSON {
        guard let first = post.items.first else { return .null }
        let comments = world.commentCount(post)
        var fields: [(String, JSON)] = [("__typename", .string(post.kind.graphTypename))]
        fields += graphItemFields(first, pk: post.pk, shortcode: post.shortcode, isCarousel: post.kind == .carousel)
        fields += [
            ("edge_media_to_caption", captionEdges(post)), ("edge_media_to_comment", ["count": .number(comments)]),
            ("comments_disabled", .bool(post.commentsDisabled)), ("taken_at_timestamp", .number(post.takenAt)),
            ("edge_liked_by", ["count": .number(post.likesHidden ? -1 : world.likeCount(post))]),
            ("edge_media_preview_like", ["count": .number(post.likesHidden ? -1 : world.likeCount(post))]),
            ("owner", ["id": .id(post.ownerPK), "username": .string(world.user(pk: post.ownerPK)?.username ?? "")]),
            ("thumbnail_src", .string(cdnURL(first.image, stp: "c0.0.640.640a_dst-jpg_e15_tt6"))),
            ("location", graphLocation(post.locationPK)), ("product_type", .string(post.kind.productType)),
        ]
        return .object(fields)
    }
}
