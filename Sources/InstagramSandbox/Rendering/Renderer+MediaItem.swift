/// The v1 media item (facts §3.2): `media/<pk>/info/`, doc_id post queries, feeds.
extension Renderer {
    /// The full v1 item of a post.
    public func mediaItem(_ post: SandboxPost) -> JSON {
        cached("v1", post) { renderMediaItem(post) }
    }

    func renderMediaItem(_ post: SandboxPost) -> JSON {
        guard let owner = world.user(pk: post.ownerPK), let first = post.items.first else { return .null }
        var fields: [(String, JSON)] = [
            ("taken_at", .number(post.takenAt)), ("pk", .id(post.pk)), ("id", .string(post.mediaID)),
            ("code", .string(post.shortcode)), ("device_timestamp", .number(Int64(post.takenAt) * 1_000_000)),
            ("media_type", .number(post.kind.mediaType)), ("product_type", .string(post.kind.productType)),
            ("user", userShort(owner)), ("owner", userShort(owner)),
            ("caption", caption(post)), ("caption_is_edited", false),
            ("comment_count", .number(world.commentCount(post))), ("comments_disabled", .bool(post.commentsDisabled)),
        ]
        if !post.likesHidden { fields.append(("like_count", .number(world.likeCount(post)))) }
        fields += [
            ("has_liked", .bool(world.hasLiked(viewerPK, post))),
            ("like_and_view_counts_disabled", .bool(post.likesHidden)),
            ("location", location(post.locationPK)),
            ("usertags", ["in": .array(post.taggedPKs.compactMap { world.user(pk: $0) }.enumerated().map { index, user in
                ["user": userShort(user), "position": [.double(0.3 + 0.2 * Double(index % 3)), 0.6]]
            })]),
            ("coauthor_producers", []), ("is_paid_partnership", false), ("can_viewer_reshare", true),
            ("filter_type", 0), ("timeline_pinned_user_ids", post.pinned ? [.id(post.ownerPK)] : []), ("clips_tab_pinned_user_ids", []),
            ("organic_tracking_token", .string("eyJ2ZXJzaW9uIjo1LCJwYXlsb2FkIjp7fX0=")),
        ]
        if post.kind == .carousel {
            fields.append(("carousel_media_count", .number(post.items.count)))
            fields.append(("carousel_media", .array(post.items.map { carouselChild($0, post: post) })))
            fields.append(("original_width", .number(first.width)))
            fields.append(("original_height", .number(first.height)))
            fields.append(("image_versions2", imageVersions(first)))
        } else {
            fields += itemMedia(first)
            if first.isVideo {
                fields.append(("play_count", post.playCount.map { .number($0) } ?? .null))
                fields.append(("view_count", post.viewCount.map { .number($0) } ?? .null))
            }
        }
        if post.kind == .reel {
            fields.append(("clips_metadata", ["clips_creation_entry_point": "clips", "is_shared_to_fb": false,
                                               "music_info": .null, "original_sound_info": ["audio_asset_id": .id(post.pk &+ 11),
                                               "original_audio_title": "Original audio", "ig_artist": userShort(owner)]]))
        }
        return .object(fields)
    }

    /// The `caption` object, or null.
    func caption(_ post: SandboxPost) -> JSON {
        guard let text = post.caption else { return .null }
        return ["pk": .id(post.pk / 1000 + 17_840_000_000_000_000), "text": .string(text), "created_at": .number(post.takenAt),
                "created_at_utc": .number(post.takenAt), "user_id": .id(post.ownerPK), "content_type": "comment",
                "status": "Active", "type": 1, "bit_flags": 0, "did_report_as_spam": false, "is_covered": false]
    }

    /// Image and video fields of a single item (`image_versions2`, `video_versions`, sizes).
    func itemMedia(_ item: MediaItem) -> [(String, JSON)] {
        var fields: [(String, JSON)] = [
            ("original_width", .number(item.width)), ("original_height", .number(item.height)),
            ("accessibility_caption", .optional(item.accessibilityCaption)),
            ("image_versions2", imageVersions(item)),
        ]
        if let video = item.video {
            fields += [
                ("video_versions", [["type": 101, "width": .number(item.width), "height": .number(item.height),
                                     "id": .string("\(item.pk % 1_000_000_000_000)v"),
                                     "url": .string(cdnURL(video, stp: "dst-mp4"))]]),
                ("video_duration", .double(item.duration)), ("has_audio", .bool(item.hasAudio)),
                ("video_codec", "avc1.64001F"), ("number_of_qualities", 1),
            ]
        }
        return fields
    }

    /// A carousel slide.
    func carouselChild(_ item: MediaItem, post: SandboxPost) -> JSON {
        var fields: [(String, JSON)] = [
            ("id", .string("\(item.pk)_\(post.ownerPK)")), ("pk", .id(item.pk)),
            ("media_type", .number(item.isVideo ? 2 : 1)), ("product_type", "carousel_item"),
            ("carousel_parent_id", .string(post.mediaID)), ("taken_at", .number(post.takenAt)),
        ]
        fields += itemMedia(item)
        return .object(fields)
    }

    /// Candidates, largest first, all served from the same file with Instagram's `stp` transforms.
    func imageVersions(_ item: MediaItem) -> JSON {
        let widths = [item.width] + [750, 640].filter { $0 < item.width }
        return ["candidates": .array(widths.map { width in
            let height = item.height * width / max(1, item.width)
            let stp = width == item.width ? "dst-jpg_e35_p\(width)x\(width)_sh0.08_tt6" : "dst-jpg_e35_s\(width)x\(height)_tt6"
            return ["width": .number(width), "height": .number(height), "url": .string(cdnURL(item.image, stp: stp))]
        })]
    }
}
