/// The JSON files a world directory holds, as decoded from disk (snake_case keys).
///
/// `world.json` (settings, generated accounts, large files), `users.json`, `locations.json`, `posts.json`,
/// `follows.json`, `likes.json`, `comments.json`, `sessions.json`, and a `media/` directory.
public enum WorldFixtures {
    public struct Settings: Decodable, Sendable {
        public var name: String
        public var seed: UInt64
        public var cdnSecret: String
        public var cdnHost: String
        public var now: Int?
        public var generatedAccounts: [GeneratedAccountSpec]
        public var largeFiles: [GeneratedFile]
        public var limits: PacingLimits?
    }

    public struct GeneratedAccountSpec: Decodable, Sendable {
        public var username: String
        public var followers: Int
        public var following: Int
        public var mutual: Int?
        public var seed: UInt64
    }

    public struct User: Decodable, Sendable {
        public var pk: UInt64
        public var username: String
        public var fullName: String
        public var biography: String?
        public var isPrivate: Bool?
        public var isVerified: Bool?
        public var isBusiness: Bool?
        public var category: String?
        public var externalUrl: String?
        public var profilePic: String
        public var password: String?
    }

    public struct Item: Decodable, Sendable {
        public var image: String?
        public var video: String?
        public var cover: String?
        public var width: Int
        public var height: Int
        public var duration: Double?
        public var hasAudio: Bool?
        public var accessibilityCaption: String?
    }

    public struct Post: Decodable, Sendable {
        public var key: String
        public var owner: String
        public var type: PostKind
        public var takenAt: Int
        public var pk: UInt64?
        public var caption: String?
        public var location: UInt64?
        public var items: [Item]
        public var likeCount: Int?
        public var commentCount: Int?
        public var playCount: Int?
        public var viewCount: Int?
        public var deleted: Bool?
        public var likesHidden: Bool?
        public var commentsDisabled: Bool?
        public var tagged: [String]?
    }

    public struct Follow: Decodable, Sendable {
        public var follower: String
        public var followee: String
        public var at: Int
        public var pending: Bool?
    }

    public struct Like: Decodable, Sendable {
        public var user: String
        public var post: String
    }

    public struct Comment: Decodable, Sendable {
        public var user: String
        public var post: String
        public var text: String
        public var at: Int
    }

    public struct Session: Decodable, Sendable {
        public var sessionid: String
        public var user: String
        public var csrftoken: String
        public var state: SessionState
        public var unlimited: Bool?
    }
}
