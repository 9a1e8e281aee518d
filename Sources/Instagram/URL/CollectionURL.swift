import Foundation

/// A link to more than one post: a whole profile, a profile's stories (or one story), or a highlight.
public enum CollectionURL: Sendable, Equatable {
    /// `instagram.com/USERNAME/`.
    case profile(username: String)
    /// `/stories/USERNAME/` (all live stories) or `/stories/USERNAME/STORY_PK/` (one of them).
    case stories(username: String, storyPK: String?)
    /// `/stories/highlights/ID/`, or a `/s/TOKEN` share link whose token is base64 of `highlight:ID`.
    case highlight(id: String)

    /// The canonical web URL.
    public var canonicalURL: String {
        switch self {
        case .profile(let username): return "https://www.instagram.com/\(username)/"
        case .stories(let username, let pk): return "https://www.instagram.com/stories/\(username)/" + (pk.map { "\($0)/" } ?? "")
        case .highlight(let id): return "https://www.instagram.com/stories/highlights/\(id)/"
        }
    }

    /// `profile`, `stories` or `highlight`.
    public var kind: String {
        switch self {
        case .profile: return "profile"
        case .stories: return "stories"
        case .highlight: return "highlight"
        }
    }

    /// The account's name a profile or its stories are asked by (what a rename changes); nil for a highlight.
    public var watchedName: String? {
        switch self {
        case .profile(let username), .stories(let username, _): return username
        case .highlight: return nil
        }
    }

    /// The same link under the account's new name (a highlight is not named after its account: unchanged).
    public func renamed(to username: String) -> CollectionURL {
        switch self {
        case .profile: return .profile(username: username)
        case .stories(_, let pk): return .stories(username: username, storyPK: pk)
        case .highlight: return self
        }
    }

    /// Whether Instagram shows it only to a logged-in session (stories and highlights).
    public var needsSession: Bool {
        if case .profile = self { return false }
        return true
    }
}

/// Recognises profile, stories and highlight links. Pure: no I/O (a `/s/` token is decoded, not resolved).
public struct CollectionURLParser: Sendable {
    /// The request field the input came from (used in errors).
    public var field: String

    public init(field: String = "url") {
        self.field = field
    }

    /// The collection `input` links to; nil when it is not one (a post link, or not an Instagram link at all:
    /// `PostURLParser` then says what is wrong). A stories or highlight link that is malformed throws.
    public func parse(_ input: String) throws(PostURLError) -> CollectionURL? {
        do {
            _ = try PostURLParser(field: field).parse(input)
            return nil
        } catch where [.profile, .story, .unsupportedPath].contains(error.reason) {
            return try collection(path: Self.path(of: input))
        } catch {
            return nil
        }
    }

    func collection(path: [String]) throws(PostURLError) -> CollectionURL? {
        guard let first = path.first?.lowercased() else { return nil }
        // A post section (`/p//`: the post parser refused its empty segment) is never a profile: its canonical URL
        // would not parse back.
        if path.count == 1, InstagramNames.isUsername(path[0]), !PostURLParser.reservedSegments.contains(first),
           PostURLParser.sections[path[0]] == nil {
            return .profile(username: path[0])
        }
        if first == "s", path.count == 2 { return .highlight(id: try highlightID(shareToken: path[1])) }
        guard first == "stories" else { return nil }
        guard path.count >= 2 else { throw PostURLError(field: field, .story, Self.storiesExample) }
        if path[1] == "highlights" {
            guard path.count == 3, Self.isNumber(path[2]) else {
                throw PostURLError(field: field, .story, "must be a highlight link such as /stories/highlights/17900000000000000/")
            }
            return .highlight(id: path[2])
        }
        guard InstagramNames.isUsername(path[1]), path.count <= 3 else { throw PostURLError(field: field, .story, Self.storiesExample) }
        guard path.count == 3 else { return .stories(username: path[1], storyPK: nil) }
        guard Self.isNumber(path[2]) else { throw PostURLError(field: field, .story, "has a story id that is not a number") }
        return .stories(username: path[1], storyPK: path[2])
    }

    static let storiesExample = "must be a stories link such as /stories/USERNAME/ or /stories/USERNAME/STORY_ID/"

    /// `/s/<base64 of "highlight:<id>">`.
    func highlightID(shareToken token: String) throws(PostURLError) -> String {
        var text = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8),
              decoded.hasPrefix("highlight:"), Self.isNumber(String(decoded.dropFirst(10))) else {
            throw PostURLError(field: field, .story, "is a share link that does not name a highlight")
        }
        return String(decoded.dropFirst(10))
    }

    /// The path segments of a URL the post parser accepted the scheme and host of.
    static func path(of input: String) -> [String] {
        var rest = Substring(input.trimmingASCIIWhitespace)
        if let range = rest.range(of: "://") { rest = rest[range.upperBound...] } else if rest.hasPrefix("//") { rest = rest.dropFirst(2) }
        let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? rest.endIndex
        return rest[..<end].split(separator: "/").dropFirst().map(String.init)
    }

    static func isNumber(_ text: String) -> Bool {
        (1...25).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
