/// An Instagram account in the sandbox world.
public struct SandboxUser: Sendable, Equatable {
    public var pk: UInt64
    public var username: String
    public var fullName: String
    public var biography: String
    public var isPrivate: Bool
    public var isVerified: Bool
    public var isBusiness: Bool
    public var category: String?
    public var externalURL: String?
    /// File name of the profile picture in the world's media directory.
    public var profilePic: String
    /// The password the login endpoint accepts, if any.
    public var password: String?
    /// True for the lazily generated followers of a generated account.
    public var isGenerated: Bool = false
    /// Logged-out visitors get the first page of posts only; the next asks for a login (`POST /__sandbox/users`
    /// `"login_wall": true`), as Instagram does for many profiles.
    public var loginWall = false
    /// Counts for generated users (their graph is not materialised).
    public var generatedCounts: (followers: Int, following: Int)? = nil

    public init(pk: UInt64, username: String, fullName: String, biography: String = "", isPrivate: Bool = false,
                isVerified: Bool = false, isBusiness: Bool = false, category: String? = nil,
                externalURL: String? = nil, profilePic: String, password: String? = nil) {
        self.pk = pk
        self.username = username
        self.fullName = fullName
        self.biography = biography
        self.isPrivate = isPrivate
        self.isVerified = isVerified
        self.isBusiness = isBusiness
        self.category = category
        self.externalURL = externalURL
        self.profilePic = profilePic
        self.password = password
    }

    public static func == (lhs: SandboxUser, rhs: SandboxUser) -> Bool {
        lhs.pk == rhs.pk && lhs.username == rhs.username && lhs.fullName == rhs.fullName && lhs.isPrivate == rhs.isPrivate
    }

    /// The Facebook-side id Instagram exposes as `fbid` (derived, stable).
    public var fbid: String { String(17_841_400_000_000_000 + pk % 1_000_000_000) }
}
