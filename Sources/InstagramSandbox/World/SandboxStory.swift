/// A story: one photo or video shown for 24 hours from `takenAt` on the sandbox clock (`World.now`).
public struct SandboxStory: Sendable {
    /// The story as a one-item post (its pk, code, owner, media); never in the owner's timeline.
    public var post: SandboxPost
    /// Unix seconds (sandbox clock) after which the story is gone from `reels_media`.
    public var expiringAt: Int

    /// How long a story lives.
    public static let lifetime = 86_400
}

/// A highlight: stories the owner kept on the profile under a title; they never expire.
public struct SandboxHighlight: Sendable {
    /// The numeric id (`highlight:<id>` in reel ids).
    public var id: UInt64
    public var ownerPK: UInt64
    public var title: String
    /// Unix seconds (sandbox clock).
    public var createdAt: Int
    /// The kept stories, oldest first (as Instagram lists them).
    public var items: [SandboxPost]

    /// `highlight:<id>`, the reel id of `reels_media`.
    public var reelID: String { "highlight:\(id)" }
}
