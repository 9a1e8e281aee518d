import Foundation
import Web

extension WorldLoader {
    static func addPosts(_ fixtures: [WorldFixtures.Post], to world: inout World) throws(WorldLoadError) {
        for (index, fixture) in fixtures.enumerated() {
            let owner = try userPK(fixture.owner, world, file: "posts.json")
            let pk = fixture.pk ?? MediaPK.mint(takenAt: fixture.takenAt, shard: owner % 8192,
                                               sequence: UInt64(index * 16 % 1024))
            guard world.posts[pk] == nil, world.postKeys[fixture.key] == nil else {
                throw WorldLoadError(.inconsistent, file: "posts.json", "duplicate post \(fixture.key)")
            }
            guard !fixture.items.isEmpty, fixture.items.count <= 10,
                  fixture.type == .carousel ? fixture.items.count >= 2 : fixture.items.count == 1 else {
                throw WorldLoadError(.inconsistent, file: "posts.json", "post \(fixture.key) has \(fixture.items.count) items")
            }
            var items: [MediaItem] = []
            for (position, item) in fixture.items.enumerated() {
                let childPK = fixture.type == .carousel ? pk + UInt64(position + 1) : pk
                items.append(try mediaItem(item, pk: childPK, world: &world, post: fixture.key))
            }
            var tagged: [UInt64] = []
            for name in fixture.tagged ?? [] { tagged.append(try userPK(name, world, file: "posts.json")) }
            let post = SandboxPost(key: fixture.key, pk: pk, shortcode: Shortcode.encode(pk), ownerPK: owner,
                                   kind: fixture.type, takenAt: fixture.takenAt, caption: fixture.caption,
                                   locationPK: fixture.location, items: items, baseLikeCount: fixture.likeCount ?? 0,
                                   baseCommentCount: fixture.commentCount ?? 0, playCount: fixture.playCount,
                                   viewCount: fixture.viewCount, deleted: fixture.deleted ?? false,
                                   likesHidden: fixture.likesHidden ?? false,
                                   commentsDisabled: fixture.commentsDisabled ?? false, taggedPKs: tagged)
            world.posts[pk] = post
            world.postKeys[post.key] = pk
            world.postsByOwner[owner, default: []].append(pk)
            world.shareTokens[shareToken(seed: world.seed, pk: pk)] = pk
        }
        for owner in world.postsByOwner.keys {
            world.postsByOwner[owner]!.sort { world.posts[$0]!.takenAt > world.posts[$1]!.takenAt }
        }
    }

    static func mediaItem(_ item: WorldFixtures.Item, pk: UInt64, world: inout World,
                          post: String) throws(WorldLoadError) -> MediaItem {
        guard let still = item.image ?? item.cover else {
            throw WorldLoadError(.inconsistent, file: "posts.json", "post \(post) has an item without image or cover")
        }
        let image = asset(named: still, video: false, world: &world)
        let video = item.video.map { asset(named: $0, video: true, world: &world) }
        return MediaItem(pk: pk, image: image, video: video, width: item.width, height: item.height,
                         duration: item.duration ?? 0, hasAudio: item.hasAudio ?? (video != nil),
                         accessibilityCaption: item.accessibilityCaption)
    }

    /// The asset for a fixture file name, or `generated:<name>` for a large file of `world.json`.
    static func asset(named name: String, video: Bool, world: inout World) -> MediaAsset {
        let source: MediaAsset.Source
        if name.hasPrefix("generated:"), let file = world.largeFiles[String(name.dropFirst(10))] {
            source = .generated(file)
        } else {
            source = .fixture(name)
        }
        let path = video ? CDNPaths.video(seed: world.seed, name: name)
                         : CDNPaths.image(seed: world.seed, name: name, profile: false)
        let asset = MediaAsset(source: source, cdnPath: path, isVideo: video, isProfilePicture: false)
        world.assets[path] = asset
        return asset
    }

    /// A 10-character share token (`/share/p/<token>`), stable per post.
    static func shareToken(seed: UInt64, pk: UInt64) -> String {
        var random = SeededRandom(seed: seed ^ pk)
        var bytes: [UInt8] = []
        for _ in 0..<7 { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
        return "BA" + String(Base64URL.encode(bytes).prefix(8))
    }

    static func addGraph(directory: String, to world: inout World) throws(WorldLoadError) {
        for follow in try read("follows.json", in: directory) as [WorldFixtures.Follow] {
            let follower = try userPK(follow.follower, world, file: "follows.json")
            let followee = try userPK(follow.followee, world, file: "follows.json")
            let edge = FollowEdge(follower: follower, followee: followee, since: follow.at, pending: follow.pending ?? false)
            world.followers[followee, default: []].append(edge)
            world.following[follower, default: []].append(edge)
        }
        for user in world.followers.keys { world.followers[user]!.sort { $0.since < $1.since } }
        for user in world.following.keys { world.following[user]!.sort { $0.since < $1.since } }
        for like in try read("likes.json", in: directory) as [WorldFixtures.Like] {
            let user = try userPK(like.user, world, file: "likes.json")
            guard let post = world.postKeys[like.post] else {
                throw WorldLoadError(.inconsistent, file: "likes.json", "unknown post \(like.post)")
            }
            world.like(user: user, post: post)
        }
        for comment in try read("comments.json", in: directory) as [WorldFixtures.Comment] {
            let user = try userPK(comment.user, world, file: "comments.json")
            guard let post = world.postKeys[comment.post] else {
                throw WorldLoadError(.inconsistent, file: "comments.json", "unknown post \(comment.post)")
            }
            _ = world.addComment(user: user, post: post, text: comment.text, at: comment.at)
        }
        for session in try read("sessions.json", in: directory) as [WorldFixtures.Session] {
            let user = try userPK(session.user, world, file: "sessions.json")
            let id = PercentDecoding.decode(Substring(session.sessionid)) ?? session.sessionid
            world.addSession(SandboxSession(sessionID: id, userPK: user, csrfToken: session.csrftoken,
                                            state: session.state, unlimited: session.unlimited ?? false))
        }
    }
}
