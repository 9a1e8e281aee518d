import Foundation

/// Reads a post out of Instagram's JSON: the v1 media item (facts §3.2) or the Graph `shortcode_media`
/// node (§3.3), from any of the answer roots the post methods of §3.1 return.
public enum MediaParser {
    /// The post in an answer body: `items[0]`, `data.xdt_api__v1__media__shortcode__web_info.items[0]`,
    /// `data.xdt_shortcode_media`, `data.shortcode_media` or `graphql.shortcode_media`.
    /// `notFound` when the root is there but empty (unknown, deleted or private: §3.4).
    public static func post(fromAnswer body: some Collection<UInt8>) throws(InstagramError) -> InstagramPost {
        guard let root = JSONTree.parse(body) else { throw InstagramError(.badResponse, "the post answer is not JSON") }
        let v1 = root.first(["items"], ["data", "xdt_api__v1__media__shortcode__web_info", "items"])
        if let item = v1.array.first { return try post(fromV1: item) }
        let graph = root.first(["data", "xdt_shortcode_media"], ["data", "shortcode_media"], ["graphql", "shortcode_media"])
        if !graph.isNull { return try post(fromGraph: graph) }
        let hasRoot = !root["items"].isNull || !root["data"].isNull
        throw hasRoot ? InstagramError(.notFound, "Instagram has no post with that shortcode, or it is private")
                      : InstagramError(.badResponse, "the post answer has no media")
    }

    static func author(_ user: JSONTree) throws(InstagramError) -> InstagramPost.Author {
        guard let id = user.first(["pk"], ["id"], ["pk_id"]).string, let username = user["username"].string else {
            throw InstagramError(.badResponse, "the post has no owner")
        }
        return InstagramPost.Author(id: id, username: username, fullName: user["full_name"].string,
                                    isVerified: user["is_verified"].bool, isPrivate: user["is_private"].bool)
    }

    static func location(_ node: JSONTree) -> InstagramPost.Location? {
        guard let id = node.first(["id"], ["pk"]).string, let name = node.first(["name"], ["short_name"]).string else { return nil }
        return InstagramPost.Location(id: id, name: name)
    }

    /// A count that is nil when hidden: missing, null, negative (Graph's `-1`), or hidden by the owner.
    static func count(_ value: JSONTree, hidden: Bool = false) -> Int64? {
        guard !hidden, let number = value.int, number >= 0 else { return nil }
        return number
    }

    static func int(_ value: JSONTree) -> Int? { value.int.map { Int($0) } }

    static func date(_ value: JSONTree) throws(InstagramError) -> Date {
        guard let seconds = value.double, seconds > 0 else { throw InstagramError(.badResponse, "the post has no timestamp") }
        return Date(timeIntervalSince1970: seconds)
    }
}
