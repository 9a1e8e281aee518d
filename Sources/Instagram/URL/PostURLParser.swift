/// Turns a pasted Instagram link into a `PostURL`, or a `PostURLError` naming the field. Pure: no I/O.
///
/// Accepted (facts §2.4 plus `m.` and `instagr.am`): `http(s)://`, or no scheme; `instagram.com`, `www.`, `m.`,
/// `instagr.am`; `/p/`, `/reel/`, `/reels/`, `/tv/`, with an optional `/{username}` prefix and optional
/// `embed/` or `embed/captioned/` suffix; any query (`img_index` is read) and fragment.
public struct PostURLParser: Sendable {
    /// The longest input accepted, in bytes.
    public static let maxLength = 2048
    static let hosts: Set<String> = ["instagram.com", "www.instagram.com", "m.instagram.com", "instagr.am", "www.instagr.am"]
    static let sections: [String: PostURL.Kind] = ["p": .post, "reel": .reel, "reels": .reel, "tv": .tv]
    /// First path segments that are Instagram pages, never usernames.
    static let reservedSegments: Set<String> = ["stories", "explore", "accounts", "share", "direct", "about", "legal",
                                                "developer", "challenge", "api", "graphql", "s", "web"]

    /// The request field the input came from (used in errors).
    public var field: String

    public init(field: String = "url") {
        self.field = field
    }

    /// Parses one URL.
    public func parse(_ input: String) throws(PostURLError) -> PostURL {
        let text = try checkedText(input)
        let (authority, rest) = try splitScheme(text)
        try checkAuthority(authority)
        let (path, query) = splitPathQuery(rest)
        var post = try parsePath(path)
        post.imageIndex = try imageIndex(in: query)
        return post
    }

    func fail(_ reason: PostURLError.Reason, _ message: String) -> PostURLError {
        PostURLError(field: field, reason, message)
    }

    private func checkedText(_ input: String) throws(PostURLError) -> String {
        let text = input.trimmingASCIIWhitespace
        guard !text.isEmpty else { throw fail(.empty, "must be an Instagram post or reel URL, not empty") }
        guard text.utf8.count <= Self.maxLength else { throw fail(.tooLong, "must be at most \(Self.maxLength) characters") }
        guard !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\\" }) else {
            throw fail(.notAURL, "must be a URL without spaces, control characters or backslashes")
        }
        return text
    }

    /// Returns the authority and everything after it (path, query, fragment).
    private func splitScheme(_ text: String) throws(PostURLError) -> (Substring, Substring) {
        var rest = Substring(text)
        if let colon = text.firstIndex(of: ":"), let scheme = Optional(text[..<colon]),
           scheme.allSatisfy({ $0.isLetter || $0 == "+" || $0 == "-" || $0 == "." }), !scheme.isEmpty {
            guard ["http", "https"].contains(scheme.lowercased()) else {
                throw fail(.scheme, "must be an http or https URL (got \"\(scheme.prefix(20))\")")
            }
            rest = text[text.index(after: colon)...]
            guard rest.hasPrefix("//") else { throw fail(.notAURL, "must be a full URL such as https://www.instagram.com/p/CODE/") }
            rest = rest.dropFirst(2)
        } else if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
        }
        let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        return (rest[..<end], rest[end...])
    }

    private func checkAuthority(_ authority: Substring) throws(PostURLError) {
        guard !authority.contains("@") else { throw fail(.credentials, "must not contain a user name or password") }
        guard !authority.contains(":") else { throw fail(.port, "must not name a port") }
        let host = authority.lowercased()
        guard !host.isEmpty else { throw fail(.notAURL, "must name the host instagram.com") }
        guard Self.hosts.contains(host) else {
            throw fail(.host, "must be an instagram.com or instagr.am URL (got host \"\(host.prefix(100))\")")
        }
    }

    private func splitPathQuery(_ rest: Substring) -> (Substring, Substring) {
        let withoutFragment = rest[..<(rest.firstIndex(of: "#") ?? rest.endIndex)]
        guard let question = withoutFragment.firstIndex(of: "?") else { return (withoutFragment, "") }
        return (withoutFragment[..<question], withoutFragment[withoutFragment.index(after: question)...])
    }
}

extension String {
    var trimmingASCIIWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !($0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r") }) else { return "" }
        let last = scalars.lastIndex(where: { !($0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r") })!
        return String(scalars[first...last])
    }
}
