/// Where links in answers point: at Instagram's real hostnames when the caller named one in `Host`
/// (a client whose URLs are rewritten below the HTTP layer), else at the sandbox's public URL.
public struct LinkStyle: Sendable, Equatable {
    /// Base of page links (`https://www.instagram.com` or the public URL), no trailing slash.
    public var web: String
    /// Base of CDN links.
    public var cdn: String
    /// Base of web-app scripts (`https://static.cdninstagram.com`).
    public var staticFiles: String
    /// The cookie domain to set (`.instagram.com`), nil to leave it to the host.
    public var cookieDomain: String?

    /// Links for a request with this `Host` header.
    public static func forHost(_ host: String?, publicURL: String, cdnHost: String) -> LinkStyle {
        let name = (host ?? "").split(separator: ":").first.map { $0.lowercased() } ?? ""
        if name == "instagram.com" || name.hasSuffix(".instagram.com") || name.hasSuffix(".cdninstagram.com")
            || name.hasSuffix(".fbcdn.net") {
            return LinkStyle(web: "https://www.instagram.com", cdn: "https://" + cdnHost,
                             staticFiles: "https://static.cdninstagram.com", cookieDomain: ".instagram.com")
        }
        return LinkStyle(web: publicURL, cdn: publicURL, staticFiles: publicURL, cookieDomain: nil)
    }
}
