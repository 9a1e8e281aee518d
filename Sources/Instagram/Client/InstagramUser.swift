/// The fields of an Instagram user object we use (v1 `user`, friendship list entries).
public struct InstagramUser: Sendable, Equatable, Decodable {
    /// The numeric id as text (`pk` is a number in some answers and a string in others).
    public var pk: String
    public var username: String
    public var fullName: String
    public var isPrivate: Bool
    public var isVerified: Bool
    public var profilePicURL: String?

    public init(pk: String, username: String, fullName: String = "", isPrivate: Bool = false,
                isVerified: Bool = false, profilePicURL: String? = nil) {
        self.pk = pk
        self.username = username
        self.fullName = fullName
        self.isPrivate = isPrivate
        self.isVerified = isVerified
        self.profilePicURL = profilePicURL
    }

    enum CodingKeys: String, CodingKey {
        case pk, username, fullName = "full_name", isPrivate = "is_private", isVerified = "is_verified"
        case profilePicURL = "profile_pic_url"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let number = try? container.decode(Int64.self, forKey: .pk) {
            pk = String(number)
        } else {
            pk = try container.decode(String.self, forKey: .pk)
        }
        username = try container.decode(String.self, forKey: .username)
        fullName = try container.decodeIfPresent(String.self, forKey: .fullName) ?? ""
        isPrivate = try container.decodeIfPresent(Bool.self, forKey: .isPrivate) ?? false
        isVerified = try container.decodeIfPresent(Bool.self, forKey: .isVerified) ?? false
        profilePicURL = try container.decodeIfPresent(String.self, forKey: .profilePicURL)
    }
}

/// What `accounts/current_user` tells about the session's owner.
public struct InstagramCurrentUser: Sendable, Equatable, Decodable {
    public var user: InstagramUser
}
