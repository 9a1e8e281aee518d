/// Where Instagram is and how our client introduces itself (facts §1). Going live means changing the two
/// base URLs only; the sandbox is reached the same way.
public struct InstagramClientConfiguration: Sendable {
    /// The web host: pages and the web JSON API (`https://www.instagram.com`).
    public var webBaseURL: String
    /// The mobile "private" API host (`https://i.instagram.com`).
    public var apiBaseURL: String
    /// `X-IG-App-ID` of the web app.
    public var webAppID: String
    /// `X-IG-App-ID` of the iOS app, sent to the mobile API.
    public var mobileAppID: String
    /// `X-ASBD-ID` sent with web API calls.
    public var asbdID: String
    /// A desktop Chrome user agent for the web host.
    public var webUserAgent: String
    /// An app user agent for the mobile host (a browser one gets `useragent mismatch`).
    public var mobileUserAgent: String

    public init(webBaseURL: String = "https://www.instagram.com", apiBaseURL: String = "https://i.instagram.com",
                webAppID: String = "936619743392459", mobileAppID: String = "124024574287414", asbdID: String = "359341",
                webUserAgent: String = InstagramClientConfiguration.chromeUserAgent,
                mobileUserAgent: String = InstagramClientConfiguration.iPadUserAgent) {
        self.webBaseURL = webBaseURL.hasSuffix("/") ? String(webBaseURL.dropLast()) : webBaseURL
        self.apiBaseURL = apiBaseURL.hasSuffix("/") ? String(apiBaseURL.dropLast()) : apiBaseURL
        self.webAppID = webAppID
        self.mobileAppID = mobileAppID
        self.asbdID = asbdID
        self.webUserAgent = webUserAgent
        self.mobileUserAgent = mobileUserAgent
    }

    public static let chromeUserAgent =
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36"
    public static let iPadUserAgent = "Instagram 361.0.0.35.82 (iPad13,8; iOS 18_0; en_US; en-US; scale=2.00; "
        + "2048x2732; 674117118) AppleWebKit/420+"
}

/// Which of Instagram's two API hosts a call goes to.
public enum InstagramHost: Sendable {
    /// `www.instagram.com`, cookie session, web headers.
    case web
    /// `i.instagram.com`, IGT bearer, app headers.
    case mobile
}
