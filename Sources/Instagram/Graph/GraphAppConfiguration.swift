/// Which Meta login connects an account: Instagram Login (`graph.instagram.com`, no Facebook Page needed) or
/// Facebook Login (`graph.facebook.com`, the account linked to a Page).
public enum GraphFlavour: String, Sendable, CaseIterable, Codable {
    case instagram, facebook
}

/// One Meta app as instagate uses it: its id and secret, the redirect URI registered for it, the API version,
/// and where Meta's hosts are (`hostBase` + host name: `https://graph.instagram.com`, or a sandbox that serves
/// every host under one URL, `http://127.0.0.1:8081/__host/graph.instagram.com`).
public struct GraphAppConfiguration: Sendable {
    public var flavour: GraphFlavour
    public var appID: String
    public var appSecret: String
    public var redirectURI: String
    /// `v24.0`.
    public var version: String
    /// `https://` in production.
    public var hostBase: String

    public init(flavour: GraphFlavour, appID: String, appSecret: String, redirectURI: String, version: String = "v24.0",
                hostBase: String = "https://") {
        self.flavour = flavour
        self.appID = appID
        self.appSecret = appSecret
        self.redirectURI = redirectURI
        self.version = version
        self.hostBase = hostBase
    }

    /// The scopes asked for: reading the account and its media, publishing and insights (issue 14).
    public var scopes: [String] {
        switch flavour {
        case .instagram:
            return ["instagram_business_basic", "instagram_business_content_publish", "instagram_business_manage_insights"]
        case .facebook:
            return ["instagram_basic", "instagram_content_publish", "instagram_manage_insights", "pages_show_list",
                    "pages_read_engagement", "business_management"]
        }
    }

    public func url(_ host: String) -> String { hostBase + host }

    /// The oldest Graph API version Meta serves as far as instagate knows (v21.0, released 2024-10-02; graph-api.md
    /// §0 lists v21–v25): `INSTAGATE_GRAPH_API_VERSION` older than this is refused at start-up.
    public static let oldestServedVersion = 21

    /// The major number of `vNN.0`; nil when `text` is not such a version.
    public static func majorVersion(_ text: String) -> Int? {
        let parts = text.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        guard text.hasPrefix("v"), parts.count == 2, let major = Int(parts[0]), Int(parts[1]) != nil else { return nil }
        return major
    }

    /// The API host: `graph.instagram.com` or `graph.facebook.com`.
    public var graphURL: String { url(flavour == .instagram ? "graph.instagram.com" : "graph.facebook.com") }

    /// The versioned API root (`…/v24.0`).
    public var apiURL: String { graphURL + "/" + version }

    /// The consent page.
    public var authorizeEndpoint: String {
        flavour == .instagram ? url("www.instagram.com") + "/oauth/authorize" : url("www.facebook.com") + "/\(version)/dialog/oauth"
    }

    /// Where the code is exchanged.
    public var codeExchangeURL: String {
        flavour == .instagram ? url("api.instagram.com") + "/oauth/access_token" : apiURL + "/oauth/access_token"
    }

    /// The consent page URL for `state`.
    public func authorizeURL(state: String) -> String {
        var query = [("client_id", appID), ("redirect_uri", redirectURI), ("response_type", "code"),
                     ("scope", scopes.joined(separator: ",")), ("state", state)]
        if flavour == .instagram { query.append(("enable_fb_login", "0")) }
        return authorizeEndpoint + "?" + GraphAPIClient.encode(query)
    }

    /// Every host this app's calls go to (for the outbound allow-list).
    public var hosts: [String] {
        flavour == .instagram ? ["graph.instagram.com", "api.instagram.com"] : ["graph.facebook.com"]
    }
}
