import HTTPClient
import Observability

extension InstagramWebClient {
    /// The doc id of the web app's post-by-shortcode query (facts §3.1 A, §10).
    public static let postDocID = "27128499623469141"

    /// Fetches one post: anonymously through the web GraphQL endpoint first, then, when Instagram wants a
    /// login and a session is given, through `media/<pk>/info/` with it (facts §1.5, §3.1 A/D, §3.4).
    /// Errors: `notFound` (unknown or deleted), `privateAccount`, `loginRequired`, `invalidSession`, …
    public func fetchPost(_ post: PostURL, session: InstagramSession?) throws(InstagramError) -> InstagramPost {
        do {
            return try fetchPostAnonymously(post)
        } catch where error.code == .loginRequired || error.code == .rateLimited {
            guard let session else { throw error }
            logger.debug("anonymous post fetch refused; using the session", metadata: [.code: "\(error.code.rawValue)"])
            return try fetchPostInfo(post, session: session)
        }
    }

    /// POST `/api/graphql` with the post query; an empty answer is told apart by the post page:
    /// 404 → not found, a login wall → login required (a private post).
    public func fetchPostAnonymously(_ post: PostURL) throws(InstagramError) -> InstagramPost {
        let variables = "{\"shortcode\":\"\(post.shortcode)\",\"__relay_internal__pv__PolarisAIGMMediaWebLabelEnabledrelayprovider\":false}"
        var request = makeRequest(method: "POST", path: "/api/graphql", query: [], session: nil, host: .web)
        request.headers.append(("Content-Type", "application/x-www-form-urlencoded"))
        request.headers.append(("X-FB-Friendly-Name", "PolarisPostRootQuery"))
        request.body = Array(FormEncoding.encode([("doc_id", Self.postDocID), ("variables", variables),
                                                  ("server_timestamps", "true"),
                                                  ("fb_api_req_friendly_name", "PolarisPostRootQuery")]).utf8)
        request.retryNonIdempotent = true // a read-only query, a POST only by protocol: a 5xx or 429 is retried
        let body = try send(request, hasSession: false)
        do {
            return try MediaParser.post(fromAnswer: body)
        } catch where error.code == .notFound {
            try probePostPage(post)
            throw error
        }
    }

    /// GET `media/<pk>/info/` with a session: "Media not found" → `notFound`, "Not authorized" → `privateAccount`.
    public func fetchPostInfo(_ post: PostURL, session: InstagramSession) throws(InstagramError) -> InstagramPost {
        let body = try getData(path: "/api/v1/media/\(post.mediaPK)/info/", session: session)
        return try MediaParser.post(fromAnswer: body)
    }

    /// The anonymous post page: throws `loginRequired` for a login wall, returns for 404 or a page.
    func probePostPage(_ post: PostURL) throws(InstagramError) {
        var request = makeRequest(method: "GET", path: "/p/\(post.shortcode)/", query: [], session: nil, host: .web)
        request.headers.removeAll { $0.0 == "Accept" }
        request.headers.append(("Accept", "text/html"))
        do {
            _ = try send(request, hasSession: false)
        } catch where error.code == .loginRequired || error.code == .challengeRequired {
            throw InstagramError(.loginRequired, "the post is private or needs a login", httpStatus: error.httpStatus)
        } catch {
            return
        }
    }
}
