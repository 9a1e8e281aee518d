/// One page of a profile's posts, newest first, and the cursor of the next page (nil on the last).
public struct ProfileFeedPage: Sendable {
    public var posts: [InstagramPost]
    public var nextCursor: String?
    /// Shortcodes of the posts pinned to the top of the grid (`timeline_pinned_user_ids`): older posts shown first,
    /// so an incremental run must not stop at them.
    public var pinned: Set<String>

    public init(posts: [InstagramPost], nextCursor: String?, pinned: Set<String> = []) {
        self.posts = posts
        self.nextCursor = nextCursor
        self.pinned = pinned
    }
}

/// A reel of `feed/reels_media`: an owner's live stories or one highlight, its items oldest first.
public struct StoryReel: Sendable {
    /// `<owner pk>` or `highlight:<id>`.
    public var id: String
    /// The highlight's title (nil for stories).
    public var title: String?
    public var owner: InstagramPost.Author
    public var items: [InstagramPost]
}

/// One highlight of a profile's tray.
public struct HighlightSummary: Sendable, Equatable {
    /// `highlight:<id>`.
    public var id: String
    public var title: String
    public var mediaCount: Int?
}
