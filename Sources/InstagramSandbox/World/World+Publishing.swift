/// Posts, reels, carousels and stories published through the Graph API: their files are stored under
/// `--files-dir` and served under CDN paths of their own; their web pages and CDN files work like any other post's.
extension World {
    /// The cover shown for a published video without `cover_url` (the world's own video cover, when it has one).
    static let placeholderCover = "v01-cover.jpg"

    /// A stored JPEG as a media item's image, under its own CDN path.
    mutating func storedImage(_ file: String, salt: UInt64) -> MediaAsset {
        let asset = MediaAsset(source: .stored(file), cdnPath: CDNPaths.image(seed: seed ^ salt, name: file, profile: false),
                               isVideo: false, isProfilePicture: false)
        assets[asset.cdnPath] = asset
        return asset
    }

    /// A stored MP4 as a media item's video, under its own CDN path.
    mutating func storedVideo(_ file: String, salt: UInt64) -> MediaAsset {
        let asset = MediaAsset(source: .stored(file), cdnPath: CDNPaths.video(seed: seed ^ salt, name: file), isVideo: true, isProfilePicture: false)
        assets[asset.cdnPath] = asset
        return asset
    }

    /// A published video's cover: its stored `cover_url` file, else the world's placeholder cover.
    mutating func cover(_ file: String?, salt: UInt64) -> MediaAsset {
        if let file { return storedImage(file, salt: salt) }
        let asset = MediaAsset(source: .fixture(World.placeholderCover),
                               cdnPath: CDNPaths.image(seed: seed ^ salt ^ 0x5A5A, name: World.placeholderCover, profile: false),
                               isVideo: false, isProfilePicture: false)
        assets[asset.cdnPath] = asset
        return asset
    }

    /// A new post of `owner` (a reel, a video or a carousel) made of `items`, taken at `now` (sandbox clock).
    public mutating func addPublishedPost(owner: UInt64, kind: PostKind, caption: String?, now: Int,
                                          items makeItems: (inout World, UInt64) -> [MediaItem]) -> SandboxPost {
        let pk = freePK(takenAt: now, shard: owner % 8192)
        let items = makeItems(&self, pk)
        let post = SandboxPost(key: "published-\(pk)", pk: pk, shortcode: Shortcode.encode(pk), ownerPK: owner, kind: kind,
                               takenAt: now, caption: caption, locationPK: nil, items: items, baseLikeCount: 0, baseCommentCount: 0,
                               playCount: kind == .reel ? 0 : nil, viewCount: kind == .video ? 0 : nil, deleted: false,
                               likesHidden: false, commentsDisabled: false, taggedPKs: [])
        posts[pk] = post
        postKeys[post.key] = pk
        postsByOwner[owner, default: []].insert(pk, at: 0)
        postsByOwner[owner]?.sort { posts[$0]!.takenAt > posts[$1]!.takenAt }
        return post
    }
}
