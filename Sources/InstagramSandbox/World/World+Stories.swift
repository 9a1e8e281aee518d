/// Stories, highlights, the sandbox clock, and content made at run time (new accounts, new posts).
extension World {
    /// The sandbox clock: the real time (unix seconds) plus `clockOffset`.
    public func clock(_ real: Double) -> Int { Int(real) + clockOffset }

    /// The owner's stories live at `now` (sandbox clock), oldest first.
    public func liveStories(ownerPK: UInt64, now: Int) -> [SandboxStory] {
        (stories[ownerPK] ?? []).filter { $0.post.takenAt <= now && now < $0.expiringAt }
    }

    /// The owner's highlights, newest first.
    public func highlights(ownerPK: UInt64) -> [SandboxHighlight] {
        highlights.values.filter { $0.ownerPK == ownerPK }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }

    /// A new public or private account with a fixture profile picture; nil when the username is taken.
    public mutating func addUser(username: String, fullName: String, isPrivate: Bool, profilePic: String,
                                 loginWall: Bool = false) -> SandboxUser? {
        guard user(username: username) == nil else { return nil }
        var pk: UInt64 = 9_100_000_000 + UInt64(users.count)
        while users[pk] != nil || deletedUserPKs.contains(pk) { pk += 1 }
        let picture = profilePictures[profilePic] != nil ? profilePic : "a-default.jpg"
        var created = SandboxUser(pk: pk, username: username, fullName: fullName, biography: "Made by the admin API.",
                                  isPrivate: isPrivate, profilePic: picture)
        created.loginWall = loginWall
        users[pk] = created
        usernames[username.lowercased()] = pk
        return created
    }

    /// `count` new posts of `owner` with the kind, items and caption of `source`, the newest taken at `now`
    /// and each older one a minute before the next (newest first in the answer).
    public mutating func addPosts(owner: UInt64, copying source: SandboxPost, count: Int, now: Int) -> [SandboxPost] {
        var made: [SandboxPost] = []
        for offset in 0..<count {
            let takenAt = now - offset * 60
            var post = source
            post.pk = freePK(takenAt: takenAt, shard: owner % 8192)
            post.ownerPK = owner
            post.takenAt = takenAt
            post.shortcode = Shortcode.encode(post.pk)
            post.key = "\(source.key)-copy-\(post.pk)"
            post.deleted = false
            post.taggedPKs = []
            post.items = source.items.enumerated().map { position, item in
                reissue(item, pk: source.kind == .carousel ? post.pk + UInt64(position + 1) : post.pk)
            }
            posts[post.pk] = post
            postKeys[post.key] = post.pk
            postsByOwner[owner, default: []].append(post.pk)
            made.append(post)
        }
        postsByOwner[owner]?.sort { posts[$0]!.takenAt > posts[$1]!.takenAt }
        return made
    }

    /// A new story of `owner` showing `item` (a photo or a video), posted at `now` and live for 24 hours.
    public mutating func addStory(owner: UInt64, item: MediaItem, now: Int) -> SandboxStory {
        let pk = freePK(takenAt: now, shard: owner % 8192)
        let media = reissue(item, pk: pk)
        let post = SandboxPost(key: "story-\(pk)", pk: pk, shortcode: Shortcode.encode(pk), ownerPK: owner,
                               kind: item.isVideo ? .video : .photo, takenAt: now, caption: nil, locationPK: nil,
                               items: [media], baseLikeCount: 0, baseCommentCount: 0, playCount: nil, viewCount: nil,
                               deleted: false, likesHidden: false, commentsDisabled: true, taggedPKs: [])
        let story = SandboxStory(post: post, expiringAt: now + SandboxStory.lifetime)
        stories[owner, default: []].append(story)
        return story
    }

    /// A new highlight of `owner` keeping `items` (stories, expired or not) under `title`.
    public mutating func addHighlight(owner: UInt64, title: String, items: [SandboxPost], now: Int) -> SandboxHighlight {
        var id: UInt64 = 17_900_000_000_000_001 + UInt64(highlights.count)
        while highlights[id] != nil { id += 1 }
        let highlight = SandboxHighlight(id: id, ownerPK: owner, title: title, createdAt: now, items: items)
        highlights[id] = highlight
        return highlight
    }

    /// The item under a new pk, its files under CDN paths of their own (the same bytes): each post or story
    /// made at run time has URLs no other post shares, as on Instagram.
    mutating func reissue(_ item: MediaItem, pk: UInt64) -> MediaItem {
        var copy = item
        copy.pk = pk
        copy.image = reissue(item.image, salt: pk)
        copy.video = item.video.map { reissue($0, salt: pk) }
        return copy
    }

    mutating func reissue(_ asset: MediaAsset, salt: UInt64) -> MediaAsset {
        var copy = asset
        copy.cdnPath = asset.isVideo ? CDNPaths.video(seed: seed ^ salt, name: asset.fileName)
                                     : CDNPaths.image(seed: seed ^ salt, name: asset.fileName, profile: false)
        assets[copy.cdnPath] = copy
        return copy
    }

    /// A media pk for `takenAt` used by no post or story yet.
    func freePK(takenAt: Int, shard: UInt64) -> UInt64 {
        var sequence: UInt64 = 0
        while true {
            let pk = MediaPK.mint(takenAt: takenAt, shard: shard, sequence: sequence)
            let taken = posts[pk] != nil || posts[pk - 1] != nil
                || stories.values.contains { $0.contains { $0.post.pk == pk } }
            if !taken { return pk }
            sequence += 16
        }
    }
}

extension World {
    /// A photo post of `owner` published through the Graph API: the stored JPEG (a file under `--files-dir`)
    /// under a CDN path of its own, `caption`, taken at `now` (sandbox clock); its web pages and CDN file work
    /// like any other post's.
    public mutating func addPublishedPhoto(owner: UInt64, caption: String?, storedFile: String, width: Int, height: Int, now: Int) -> SandboxPost {
        let pk = freePK(takenAt: now, shard: owner % 8192)
        let asset = MediaAsset(source: .stored(storedFile), cdnPath: CDNPaths.image(seed: seed ^ pk, name: storedFile, profile: false),
                               isVideo: false, isProfilePicture: false)
        assets[asset.cdnPath] = asset
        let item = MediaItem(pk: pk, image: asset, video: nil, width: width, height: height, duration: 0, hasAudio: false,
                             accessibilityCaption: nil)
        let post = SandboxPost(key: "published-\(pk)", pk: pk, shortcode: Shortcode.encode(pk), ownerPK: owner, kind: .photo,
                               takenAt: now, caption: caption, locationPK: nil, items: [item], baseLikeCount: 0, baseCommentCount: 0,
                               playCount: nil, viewCount: nil, deleted: false, likesHidden: false, commentsDisabled: false, taggedPKs: [])
        posts[pk] = post
        postKeys[post.key] = pk
        postsByOwner[owner, default: []].insert(pk, at: 0)
        postsByOwner[owner]?.sort { posts[$0]!.takenAt > posts[$1]!.takenAt }
        return post
    }
}
