import Foundation
import HTTPClient

extension InstagramWebClient {
    /// The doc id of the posts tab query that takes a `username` (facts §4.3, §10: GDL's
    /// `PolarisProfilePostsTabContentQuery_connection`); its nodes are v1 items.
    public static let profilePostsDocID = "28544666141895803"
    /// Posts per page asked for (Instagram serves up to 50 here, the web app asks 12).
    public static let profilePageSize = 50

    /// GET `web_profile_info` (facts §4.1): anonymous works for public profiles; with a session a private
    /// profile the account follows shows as visible. Unknown user → `notFound`.
    public func fetchProfile(username: String, session: InstagramSession?) throws(InstagramError) -> InstagramProfile {
        let body = try getData(path: "/api/v1/users/web_profile_info/", query: [("username", username)], session: session)
        guard let root = JSONTree.parse(body) else { throw InstagramError(.badResponse, "the profile answer is not JSON") }
        let user = root["data"]["user"]
        guard !user.isNull else { throw InstagramError(.notFound, "Instagram has no profile @\(username)") }
        return try InstagramProfile.parse(webProfileInfo: user)
    }

    /// The current username of the account with pk `id`: GET `/api/v1/users/<id>/info/` (facts §4.2, logged in),
    /// how a rename is followed. Unknown or deleted → `notFound` (the web host answers such a pk 400 "Invalid target
    /// user", the mobile one 404 "User not found").
    public func username(ofUser id: String, session: InstagramSession) throws(InstagramError) -> String {
        let body = try userInfo(id, session: session)
        guard let name = JSONTree.parse(body)?["user"]["username"].string, !name.isEmpty else {
            throw InstagramError(.notFound, "Instagram has no account \(id)")
        }
        return name
    }

    /// The body of `users/<id>/info/`; a pk the web host calls invalid → `notFound`.
    private func userInfo(_ id: String, session: InstagramSession) throws(InstagramError) -> [UInt8] {
        do {
            return try getData(path: "/api/v1/users/\(id)/info/", session: session)
        } catch {
            if error.code == .badRequest, error.message.lowercased().contains("invalid target user") {
                throw InstagramError(.notFound, "Instagram has no account \(id)")
            }
            throw error
        }
    }

    /// One page of the profile's posts (newest first) after `cursor` (nil: the first page).
    public func profilePostsPage(username: String, after cursor: String?, session: InstagramSession?) throws(InstagramError) -> ProfileFeedPage {
        var variables: [String: Any] = ["data": ["count": Self.profilePageSize, "include_relationship_info": true],
                                        "username": username, "first": Self.profilePageSize, "before": NSNull(), "last": NSNull()]
        variables["after"] = cursor ?? NSNull()
        let text = (try? JSONSerialization.data(withJSONObject: variables, options: [.sortedKeys]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        var request = makeRequest(method: "POST", path: "/api/graphql", query: [], session: session, host: .web)
        request.headers.append(("Content-Type", "application/x-www-form-urlencoded"))
        request.headers.append(("X-FB-Friendly-Name", "PolarisProfilePostsTabContentQuery_connection"))
        request.body = Array(FormEncoding.encode([("doc_id", Self.profilePostsDocID), ("variables", text),
                                                  ("server_timestamps", "true")]).utf8)
        request.retryNonIdempotent = true // a read-only query
        let body = try send(request, hasSession: session != nil)
        return try Self.parseProfilePostsPage(body)
    }

    /// `data.xdt_api__v1__feed__user_timeline_graphql_connection`: v1 items as nodes, `page_info`.
    static func parseProfilePostsPage(_ body: [UInt8]) throws(InstagramError) -> ProfileFeedPage {
        guard let root = JSONTree.parse(body) else { throw InstagramError(.badResponse, "the posts page is not JSON") }
        let connection = root["data"]["xdt_api__v1__feed__user_timeline_graphql_connection"]
        guard !connection.isNull else { throw InstagramError(.badResponse, "the posts page has no timeline connection") }
        var posts: [InstagramPost] = []
        var pinned: Set<String> = []
        for edge in connection["edges"].array {
            let post = try MediaParser.post(fromV1: edge["node"])
            if !edge["node"]["timeline_pinned_user_ids"].array.isEmpty || edge["node"]["is_pinned"].bool == true {
                pinned.insert(post.shortcode)
            }
            posts.append(post)
        }
        let info = connection["page_info"]
        let next = info["has_next_page"].bool == true ? info["end_cursor"].string : nil
        if next != nil, posts.isEmpty { throw InstagramError(.badResponse, "an empty posts page that claims more") }
        return ProfileFeedPage(posts: posts, nextCursor: next, pinned: pinned)
    }

    /// GET `feed/reels_media` (logged in): the reels of the ids (`<owner pk>` for live stories,
    /// `highlight:<id>`), in the order asked; ids Instagram leaves out (no live stories, gone) are missing.
    public func storyReels(ids: [String], session: InstagramSession) throws(InstagramError) -> [StoryReel] {
        let body = try getData(path: "/api/v1/feed/reels_media/", query: ids.map { ("reel_ids", $0) }, session: session)
        guard let root = JSONTree.parse(body) else { throw InstagramError(.badResponse, "the stories answer is not JSON") }
        var reels: [StoryReel] = []
        for reel in root["reels_media"].array {
            guard let id = reel["id"].string else { throw InstagramError(.badResponse, "a reel without id") }
            var items: [InstagramPost] = []
            for item in reel["items"].array { items.append(try MediaParser.post(fromV1: item)) }
            reels.append(StoryReel(id: id, title: reel["title"].string, owner: try MediaParser.author(reel["user"]), items: items))
        }
        return reels
    }

    /// GET `highlights/<pk>/highlights_tray` (logged in): the profile's highlights, newest first.
    public func highlights(userID: String, session: InstagramSession) throws(InstagramError) -> [HighlightSummary] {
        let body = try getData(path: "/api/v1/highlights/\(userID)/highlights_tray/", session: session)
        guard let root = JSONTree.parse(body) else { throw InstagramError(.badResponse, "the highlights answer is not JSON") }
        return root["tray"].array.compactMap { entry in
            guard let id = entry["id"].string else { return nil }
            return HighlightSummary(id: id, title: entry["title"].string ?? "", mediaCount: entry["media_count"].int.map { Int($0) })
        }
    }
}
