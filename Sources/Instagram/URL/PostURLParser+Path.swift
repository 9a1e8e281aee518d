extension PostURLParser {
    /// `[user/](p|reel|reels|tv)/CODE[/embed[/captioned]][/]`.
    func parsePath(_ path: Substring) throws(PostURLError) -> PostURL {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.first == "" { segments.removeFirst() }
        if segments.last == "" { segments.removeLast() }
        guard !segments.contains("") else { throw fail(.unsupportedPath, "must not contain empty path segments") }
        guard let first = segments.first else {
            throw fail(.unsupportedPath, "must link to a post or reel (/p/CODE/ or /reel/CODE/), not the home page")
        }
        if first.lowercased() == "stories" { throw fail(.story, "story URLs are not supported yet; link to a post or reel") }
        var username: String?
        if Self.sections[first] == nil {
            guard !Self.reservedSegments.contains(first.lowercased()) else {
                throw fail(.unsupportedPath, "must link to a post or reel, not /\(first.prefix(40))/")
            }
            guard InstagramNames.isUsername(first) else { throw fail(.unsupportedPath, "must link to a post or reel (/p/CODE/)") }
            guard segments.count > 1 else { throw fail(.profile, "is a profile URL; link to one of its posts or reels") }
            username = first
            segments.removeFirst()
        }
        return try parseSection(segments, username: username)
    }

    private func parseSection(_ segments: [String], username: String?) throws(PostURLError) -> PostURL {
        guard let kind = Self.sections[segments[0]] else {
            throw fail(.unsupportedPath, "must link to a post or reel (/p/CODE/ or /reel/CODE/)")
        }
        guard segments.count >= 2 else { throw fail(.shortcode, "has no post shortcode after /\(segments[0])/") }
        let suffix = Array(segments.dropFirst(2))
        guard suffix.isEmpty || suffix == ["embed"] || suffix == ["embed", "captioned"] else {
            throw fail(.unsupportedPath, "has unexpected path segments after the shortcode")
        }
        let code = segments[1]
        if kind == .reel, code == "audio" { throw fail(.unsupportedPath, "is an audio page, not a reel") }
        try checkShortcode(code)
        return PostURL(code: code, kind: kind, username: username)
    }

    func checkShortcode(_ code: String) throws(PostURLError) {
        let count = code.utf8.count
        guard Shortcode.isInAlphabet(code) else {
            throw fail(.shortcode, "has an invalid shortcode: only letters, digits, - and _ are allowed")
        }
        guard (1...12).contains(count) || count == 11 + Shortcode.shareSuffixLength else {
            throw fail(.shortcode, "has an invalid shortcode length (\(count) characters)")
        }
        guard let pk = Shortcode.decode(code), pk > 0 else { throw fail(.shortcode, "has a shortcode that is not a media id") }
    }

    /// `img_index` from the query: a 1-based carousel position, 1…20.
    func imageIndex(in query: Substring) throws(PostURLError) -> Int? {
        var found: Int?
        for pair in query.split(separator: "&") where pair.hasPrefix("img_index=") || pair == "img_index" {
            let value = pair.dropFirst("img_index=".count)
            guard let index = Int(value), (1...20).contains(index) else {
                throw fail(.imageIndex, "has an invalid img_index: must be a number from 1 to 20")
            }
            found = index
        }
        return found
    }

}
