/// A profile as `web_profile_info` describes it (facts §4.1): who it is, whether its posts are visible, its
/// counts and its profile picture in full size. Encoded as the profile's metadata JSON.
public struct InstagramProfile: Sendable, Equatable, Codable {
    /// The numeric id as text.
    public var id: String
    public var username: String
    public var fullName: String?
    public var biography: String?
    public var externalURL: String?
    public var isPrivate: Bool
    public var isVerified: Bool
    public var isBusiness: Bool
    public var category: String?
    public var followerCount: Int64?
    public var followingCount: Int64?
    /// Posts on the profile (all of them, not only those of the first page).
    public var mediaCount: Int64?
    public var highlightCount: Int64?
    /// The largest profile picture offered (`profile_pic_url_hd`, else `profile_pic_url`); signed: never log it.
    public var profilePicURL: String?
    /// Whether the viewer may see the posts (public, or followed by the session's account).
    public var postsVisible: Bool

    public init(id: String, username: String, fullName: String? = nil, biography: String? = nil, externalURL: String? = nil,
                isPrivate: Bool = false, isVerified: Bool = false, isBusiness: Bool = false, category: String? = nil,
                followerCount: Int64? = nil, followingCount: Int64? = nil, mediaCount: Int64? = nil,
                highlightCount: Int64? = nil, profilePicURL: String? = nil, postsVisible: Bool = true) {
        self.id = id
        self.username = username
        self.fullName = fullName
        self.biography = biography
        self.externalURL = externalURL
        self.isPrivate = isPrivate
        self.isVerified = isVerified
        self.isBusiness = isBusiness
        self.category = category
        self.followerCount = followerCount
        self.followingCount = followingCount
        self.mediaCount = mediaCount
        self.highlightCount = highlightCount
        self.profilePicURL = profilePicURL
        self.postsVisible = postsVisible
    }

    enum CodingKeys: String, CodingKey {
        case id, username, biography, category
        case fullName = "full_name"
        case externalURL = "external_url"
        case isPrivate = "is_private"
        case isVerified = "is_verified"
        case isBusiness = "is_business_account"
        case followerCount = "follower_count"
        case followingCount = "following_count"
        case mediaCount = "media_count"
        case highlightCount = "highlight_reel_count"
        case profilePicURL = "profile_pic_url_hd"
        case postsVisible = "posts_visible"
    }

    /// Reads `data.user` of `web_profile_info`.
    public static func parse(webProfileInfo user: JSONTree) throws(InstagramError) -> InstagramProfile {
        guard let id = user.first(["id"], ["pk"]).string, let username = user["username"].string else {
            throw InstagramError(.badResponse, "the profile answer has no id or username")
        }
        let timeline = user["edge_owner_to_timeline_media"]
        let isPrivate = user["is_private"].bool ?? false
        let followed = user["followed_by_viewer"].bool ?? false
        return InstagramProfile(
            id: id, username: username, fullName: user["full_name"].string, biography: user["biography"].string,
            externalURL: user["external_url"].string, isPrivate: isPrivate, isVerified: user["is_verified"].bool ?? false,
            isBusiness: user["is_business_account"].bool ?? false, category: user["category_name"].string,
            followerCount: user["edge_followed_by"]["count"].int, followingCount: user["edge_follow"]["count"].int,
            mediaCount: timeline["count"].int, highlightCount: user["highlight_reel_count"].int,
            profilePicURL: user.first(["profile_pic_url_hd"], ["profile_pic_url"]).string,
            postsVisible: !isPrivate || followed)
    }
}
