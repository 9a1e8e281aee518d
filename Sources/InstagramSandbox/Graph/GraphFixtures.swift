import Foundation

/// The Graph API part of a world (`graph.json` beside `users.json`): Meta apps and the professional accounts
/// (business or creator) among the world's users, some linked to a Facebook Page.
public struct GraphFixtures: Codable, Sendable {
    /// A Meta app: its client id and secret, which login it serves, and its registered redirect URIs.
    public struct App: Codable, Sendable {
        public var id: String
        public var secret: String
        public var flavour: GraphFlavour
        public var name: String
        public var redirectURIs: [String]

        enum CodingKeys: String, CodingKey {
            case id, secret, flavour, name
            case redirectURIs = "redirect_uris"
        }
    }

    /// A Facebook Page an account is linked to.
    public struct Page: Codable, Sendable {
        public var id: String
        public var name: String
    }

    /// The Facebook user who manages the Page.
    public struct FacebookUser: Codable, Sendable {
        public var id: String
        public var name: String
    }

    /// A professional account: a world user (by username) with its Graph attributes.
    public struct Account: Codable, Sendable {
        public var username: String
        /// `BUSINESS` or `MEDIA_CREATOR`.
        public var accountType: String
        public var website: String?
        public var page: Page?
        public var facebookUser: FacebookUser?

        enum CodingKeys: String, CodingKey {
            case username, website, page
            case accountType = "account_type"
            case facebookUser = "facebook_user"
        }
    }

    public var apps: [App]
    public var accounts: [Account]

    public init(apps: [App] = [], accounts: [Account] = []) {
        self.apps = apps
        self.accounts = accounts
    }

    /// Reads `graph.json` of a world directory; a world without one has no Graph API apps or accounts.
    public static func load(worldDirectory: String) throws -> GraphFixtures {
        let path = worldDirectory + "/graph.json"
        guard let data = FileManager.default.contents(atPath: path) else { return GraphFixtures() }
        return try JSONDecoder().decode(GraphFixtures.self, from: data)
    }
}

/// The two ways to log in to the Instagram API: Instagram Login (graph.instagram.com) and Facebook Login
/// (graph.facebook.com, through a Facebook Page).
public enum GraphFlavour: String, Codable, Sendable, CaseIterable {
    case instagram, facebook
}
