/// A post or reel an Instagram URL points at: its shortcode, the kind of page, and the carousel item the
/// link selects (`?img_index=3`, 1-based as in the web app).
public struct PostURL: Sendable, Equatable {
    /// Which page family the URL used.
    public enum Kind: String, Sendable {
        case post = "p"
        case reel
        case tv
    }

    /// The shortcode as written in the URL (11 characters, or 39 for a private-share code).
    public var code: String
    public var kind: Kind
    /// The user prefix of `/{username}/p/{code}/` links.
    public var username: String?
    /// The carousel item the link selects (1-based), from `img_index`.
    public var imageIndex: Int?

    public init(code: String, kind: Kind = .post, username: String? = nil, imageIndex: Int? = nil) {
        self.code = code
        self.kind = kind
        self.username = username
        self.imageIndex = imageIndex
    }

    /// The post's shortcode without a share suffix: what storage and file names use.
    public var shortcode: String { Shortcode.canonical(code) }

    /// The post's media pk (the shortcode's value).
    public var mediaPK: UInt64 { Shortcode.decode(code) ?? 0 }

    /// The canonical web URL of the post.
    public var canonicalURL: String {
        "https://www.instagram.com/\(kind == .post ? "p" : kind.rawValue)/\(shortcode)/"
    }
}
