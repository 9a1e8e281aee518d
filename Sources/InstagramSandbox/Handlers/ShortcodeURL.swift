/// Finds the shortcode in a post URL (`/p/<code>`, `/reel/<code>`, `/tv/<code>`, with a user prefix).
enum ShortcodeURL {
    static func code(in url: String) -> String? {
        let withoutQuery = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        let parts = withoutQuery.split(separator: "/").map(String.init)
        guard let index = parts.firstIndex(where: { ["p", "reel", "reels", "tv"].contains($0) }), index + 1 < parts.count else {
            return nil
        }
        return parts[index + 1]
    }
}
