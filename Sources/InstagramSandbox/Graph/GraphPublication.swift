/// What `media_publish` makes in the world from a finished container: a photo, a reel, a carousel of its
/// children's files, or a story live for 24 hours.
enum GraphPublication {
    /// Publishes `container` (with its `children` for a carousel) as `owner`'s; the new media's pk.
    static func publish(_ container: GraphContainer, children: [GraphContainer], owner: UInt64, in world: inout World, now: Int) -> UInt64 {
        switch container.kind {
        case .image, .video:
            return world.addPublishedPhoto(owner: owner, caption: container.caption, storedFile: container.fileName,
                                           width: container.width, height: container.height, now: now).pk
        case .reel:
            return world.addPublishedPost(owner: owner, kind: .reel, caption: container.caption, now: now) { world, pk in
                [item(container, pk: pk, in: &world)]
            }.pk
        case .carousel:
            return world.addPublishedPost(owner: owner, kind: .carousel, caption: container.caption, now: now) { world, pk in
                children.enumerated().map { position, child in item(child, pk: pk + UInt64(position + 1), in: &world) }
            }.pk
        case .storyImage, .storyVideo:
            let pk = world.freePK(takenAt: now, shard: owner % 8192)
            let media = item(container, pk: pk, in: &world)
            return world.addStory(owner: owner, item: media, now: now).post.pk
        }
    }

    /// The container's stored file as a media item under `pk`.
    static func item(_ container: GraphContainer, pk: UInt64, in world: inout World) -> MediaItem {
        if container.isVideo {
            return MediaItem(pk: pk, image: world.cover(container.coverFile, salt: pk), video: world.storedVideo(container.fileName, salt: pk),
                             width: container.width, height: container.height, duration: container.duration, hasAudio: true,
                             accessibilityCaption: nil)
        }
        return MediaItem(pk: pk, image: world.storedImage(container.fileName, salt: pk), video: nil, width: container.width,
                         height: container.height, duration: 0, hasAudio: false, accessibilityCaption: nil)
    }
}
