/// An access token the sandbox issued, with what it grants and until when.
public struct GraphToken: Sendable {
    /// Which login and lifetime the token has.
    public enum Kind: String, Sendable {
        /// Instagram Login, from the code: one hour.
        case instagramShort = "instagram_short"
        /// Instagram Login, exchanged or refreshed: 60 days.
        case instagramLong = "instagram_long"
        /// Facebook Login user token, from the code: two hours.
        case facebookShort = "facebook_short"
        /// Facebook Login user token, exchanged: 60 days.
        case facebookLong = "facebook_long"
        /// A Page token from a long-lived user token: does not expire.
        case page

        /// The host family the token works on.
        var flavour: GraphFlavour { self == .instagramShort || self == .instagramLong ? .instagram : .facebook }
    }

    /// Why a token no longer works before its expiry.
    public enum Revocation: Int, Sendable {
        /// The user removed the app (subcode 458).
        case appRemoved = 458
        /// The password changed or Meta reset the session (subcode 460).
        case sessionInvalidated = 460
    }

    public var value: String
    public var kind: Kind
    public var appID: String
    /// The professional account's username (Instagram Login) or the account whose Facebook user logged in.
    public var username: String
    public var scopes: [String]
    /// Graph clock seconds.
    public var issuedAt: Double
    /// Graph clock seconds; nil for a token that does not expire.
    public var expiresAt: Double?
    public var revoked: Revocation?

    /// Seconds left (0 when expired); nil when it does not expire.
    func remaining(at now: Double) -> Int? {
        expiresAt.map { max(0, Int(($0 - now).rounded(.down))) }
    }
}

/// An authorization code: single use, valid for its flavour's lifetime, tied to its redirect URI.
struct GraphCode: Sendable {
    var value: String
    var appID: String
    var flavour: GraphFlavour
    var username: String
    var redirectURI: String
    var scopes: [String]
    var issuedAt: Double
    var used = false

    /// One hour for Instagram Login (BL); ten minutes for Facebook Login.
    var lifetime: Double { flavour == .instagram ? 3600 : 600 }
}
