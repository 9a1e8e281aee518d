import Web

/// `GET /`: what this is, its version, the main endpoints and where the documentation is.
enum RootHandler {
    struct Root: Encodable {
        var name = "instagate"
        var version = InstagateVersion.current
        var description = "Self-hosted backend for Instagram: downloads of posts, reels, profiles, stories and highlights with metadata; follower analysis; account actions within daily limits; connected business accounts."
        var docs: String
        var endpoints: [String: String]
        /// Present only in the single-user mode (`INSTAGATE_OPEN_ACCESS`): who keyless requests act as.
        var openAccess: String?
        enum CodingKeys: String, CodingKey { case name, version, description, docs, endpoints, openAccess = "open_access" }
    }

    /// The endpoints `GET /` lists (every one is a route: a test checks).
    static let endpoints: [String: String] = [
        "GET /health": "liveness and database check (no key)",
        "GET /openapi.json": "the OpenAPI 3.1 document of every endpoint",
        "GET /metrics": "Prometheus metrics (localhost only)",
        "GET /api/me": "the API user of your key (Authorization: Bearer KEY)",
        "POST /api/download": "download a post or reel: signed links to every photo, video, thumbnail and the metadata JSON",
        "GET /api/downloads": "your downloads, newest first",
        "GET /api/collections/{job_id}": "a profile, stories or highlight download (POST /api/download with their URL): progress and items; POST …/pause, …/resume",
        "POST /api/watch": "keep a profile or its stories up to date on a schedule",
        "POST /api/instagram/session": "save an Instagram session for posts that need a login and for account actions",
        "POST /api/instagram/follow": "follow (or unfollow) with a saved session, within the account's daily limits; also /like, /comment",
        "GET /api/instagram/limits/{username}": "where a saved session's account stands against its daily limits",
        "POST /api/instagram/bulk": "one action on many targets, or an analysis' unfollowers less a whitelist, as a paced job with pause, resume and cancel",
        "POST /api/analyze": "start a follower analysis (who does not follow you back) as a background job",
        "GET /api/status/{job_id}": "an analysis job's progress, queue position and results",
        "GET /api/jobs": "your jobs",
        "POST /api/sns/instagram/oauth/authorize": "connect an Instagram business or creator account through Meta's login (auth_url)",
        "GET /api/sns/instagram/accounts": "your connected Instagram professional accounts",
        "POST /api/sns/instagram/posts": "publish a feed photo on a connected account (or several: account_ids), now or at scheduled_at, or store a draft (a worker job; GET /api/sns/instagram/posts/{id} for its state)",
        "POST /api/sns/instagram/stories": "publish a story (one photo or video) on a connected account; the same job and states as a post",
        "POST /api/sns/instagram/reels": "publish a reel (an MP4 checked from its own bytes first) on a connected account",
        "POST /api/sns/instagram/carousels": "publish a carousel of 2-10 photos and videos mixed on a connected account",
        "POST /api/sns/instagram/posts/{post_id}/publish": "publish a draft, now or at scheduled_at",
        "GET /api/sns/instagram/posts": "your posts by account and state; retry a failed one, move or cancel a scheduled one (GET /api/sns/instagram/calendar: by day)",
        "GET /api/sns/instagram/{post_id}/insights": "a published post's insights (likes, comments, shares, saved, reach, views, engagement rate) and their history; GET /api/sns/instagram/account/insights for an account's days",
    ]

    @Sendable static func root(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        .json(Root(docs: "\(context.configuration.publicURL)/openapi.json", endpoints: endpoints,
                   openAccess: context.configuration.openAccess.user.map {
                       "OPEN ACCESS: requests without an API key act as API user '\($0)' (INSTAGATE_OPEN_ACCESS)"
                   }))
    }
}
