/// The whole sandbox state: accounts, posts, the follow graph, likes, comments and sessions.
///
/// A value type: readers take a snapshot (cheap, copy-on-write) and render outside any lock; actions
/// mutate the shared copy in `WorldStore`.
public struct World: Sendable {
    public var name: String
    public var seed: UInt64
    public var cdnSecret: String
    /// The CDN host named in `_nc_ht` (the URL itself is on the public URL).
    public var cdnHost: String
    /// Absolute path of the world's `media/` directory.
    public var mediaDirectory: String
    public var limits: PacingLimits
    /// Bumped by every change through `WorldStore`; keys cached renderings.
    public var version = 0

    public var users: [UInt64: SandboxUser] = [:]
    var usernames: [String: UInt64] = [:]
    /// Pks of accounts deleted at run time: never given to a new account (a pk names one account for good).
    var deletedUserPKs: Set<UInt64> = []
    public var posts: [UInt64: SandboxPost] = [:]
    var postKeys: [String: UInt64] = [:]
    /// Every post of an owner (deleted ones included), newest first.
    var postsByOwner: [UInt64: [UInt64]] = [:]
    public var locations: [UInt64: SandboxLocation] = [:]
    /// Generated follower graphs, by owner pk.
    public var generated: [UInt64: GeneratedAccount] = [:]
    /// Every CDN file, by CDN path.
    public var assets: [String: MediaAsset] = [:]
    /// Profile picture assets, by file name.
    var profilePictures: [String: MediaAsset] = [:]
    public var largeFiles: [String: GeneratedFile] = [:]
    /// Share tokens (`/share/<token>`) to post pks.
    public var shareTokens: [String: UInt64] = [:]

    /// Stored follow edges (generated ones are not stored), oldest first per user.
    var followers: [UInt64: [FollowEdge]] = [:]
    var following: [UInt64: [FollowEdge]] = [:]
    /// Likes by media pk, oldest first.
    public var likes: [UInt64: [UInt64]] = [:]
    /// Comments by media pk, oldest first.
    public var comments: [UInt64: [SandboxComment]] = [:]
    public var sessions: [String: SandboxSession] = [:]
    var nextCommentPK: UInt64 = 17_950_000_000_000_001
    /// Stories by owner pk, oldest first (expired ones are kept but no longer served).
    public var stories: [UInt64: [SandboxStory]] = [:]
    /// Highlights by id.
    public var highlights: [UInt64: SandboxHighlight] = [:]
    /// Seconds the sandbox clock runs ahead of the real one (`POST /__sandbox/clock`): stories expire by it.
    public var clockOffset = 0

    public init(name: String, seed: UInt64, cdnSecret: String, cdnHost: String, mediaDirectory: String,
                limits: PacingLimits = PacingLimits()) {
        self.name = name
        self.seed = seed
        self.cdnSecret = cdnSecret
        self.cdnHost = cdnHost
        self.mediaDirectory = mediaDirectory
        self.limits = limits
    }
}
