/// A token as a token endpoint answered it.
public struct GraphAccessToken: Sendable {
    public var value: String
    /// Seconds it is valid for; nil when Meta gave no expiry.
    public var expiresIn: Int?

    public init(value: String, expiresIn: Int?) {
        self.value = value
        self.expiresIn = expiresIn
    }
}

/// A professional account's profile (IG User fields).
public struct GraphAccount: Sendable, Codable, Equatable {
    /// The Instagram professional account id (`user_id` on Instagram Login, `id` on Facebook Login).
    public var igUserID: String
    public var username: String
    public var name: String?
    /// `BUSINESS` or `MEDIA_CREATOR` (Instagram Login only).
    public var accountType: String?
    public var biography: String?
    public var website: String?
    public var profilePictureURL: String?
    public var followersCount: Int?
    public var followsCount: Int?
    public var mediaCount: Int?
    /// The Facebook Page it is linked to (Facebook Login).
    public var pageID: String?
    /// The app-scoped user id Meta's deauthorize and data-deletion callbacks name (Instagram Login: `/me` `id`;
    /// Facebook Login: the Facebook user's id).
    public var appScopedID: String?

    public init(igUserID: String, username: String) {
        self.igUserID = igUserID
        self.username = username
    }
}

/// One IG Media as listed.
public struct GraphMedia: Sendable, Codable, Equatable {
    public struct Child: Sendable, Codable, Equatable {
        public var id: String
        public var mediaType: String?
        public var mediaURL: String?
        public var thumbnailURL: String?

        enum CodingKeys: String, CodingKey {
            case id
            case mediaType = "media_type", mediaURL = "media_url", thumbnailURL = "thumbnail_url"
        }
    }

    public var id: String
    public var caption: String?
    public var mediaType: String?
    public var mediaProductType: String?
    public var mediaURL: String?
    public var thumbnailURL: String?
    public var permalink: String?
    public var shortcode: String?
    public var timestamp: String?
    public var username: String?
    public var likeCount: Int?
    public var commentsCount: Int?
    public var children: [Child]?

    enum CodingKeys: String, CodingKey {
        case id, caption, permalink, shortcode, timestamp, username, children
        case mediaType = "media_type", mediaProductType = "media_product_type", mediaURL = "media_url"
        case thumbnailURL = "thumbnail_url", likeCount = "like_count", commentsCount = "comments_count"
    }

    private struct ChildList: Decodable { var data: [Child] }

    /// Decodes Meta's shape, where `children` is `{"data":[…]}`; (our own encoding writes it as a plain list).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        caption = try c.decodeIfPresent(String.self, forKey: .caption)
        mediaType = try c.decodeIfPresent(String.self, forKey: .mediaType)
        mediaProductType = try c.decodeIfPresent(String.self, forKey: .mediaProductType)
        mediaURL = try c.decodeIfPresent(String.self, forKey: .mediaURL)
        thumbnailURL = try c.decodeIfPresent(String.self, forKey: .thumbnailURL)
        permalink = try c.decodeIfPresent(String.self, forKey: .permalink)
        shortcode = try c.decodeIfPresent(String.self, forKey: .shortcode)
        timestamp = try c.decodeIfPresent(String.self, forKey: .timestamp)
        username = try c.decodeIfPresent(String.self, forKey: .username)
        likeCount = try c.decodeIfPresent(Int.self, forKey: .likeCount)
        commentsCount = try c.decodeIfPresent(Int.self, forKey: .commentsCount)
        if let list = try? c.decodeIfPresent(ChildList.self, forKey: .children) {
            children = list.data
        } else {
            children = try? c.decodeIfPresent([Child].self, forKey: .children)
        }
    }
}

/// A page of media and the cursor of the next one (nil on the last page).
public struct GraphMediaPage: Sendable {
    public var media: [GraphMedia]
    public var nextCursor: String?
}

