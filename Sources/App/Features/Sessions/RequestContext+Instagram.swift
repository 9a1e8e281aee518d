import HTTPClient
import Instagram
import Logging

extension RequestContext {
    /// A client for Instagram's API calls, logging with the request's logger; calls with a session are paced
    /// through the thread's database connection (`SessionPacer`). All its calls together end within the
    /// upstream deadline (`INSTAGATE_UPSTREAM_DEADLINE`): a client is waiting.
    func instagramClient() throws -> InstagramWebClient {
        let pacer = SessionPacer(db: try database(), interval: configuration.downloads.sessionPacing)
        return instagramAPI(pacer: pacer, maxRetries: 2)
    }

    /// A client for Instagram's API over this thread's kept curl handle for `maxRetries` (its connection to
    /// Instagram stays open between requests), with `pacer` and the upstream deadline from now.
    func instagramAPI(pacer: SessionPacer?, maxRetries: Int) -> InstagramWebClient {
        let http: HTTPClient
        if let kept = instagramHTTP[maxRetries] {
            http = kept
        } else {
            http = services.instagram.apiHTTP(maxRetries: maxRetries)
            instagramHTTP[maxRetries] = http
        }
        return services.instagram.api(logger: logger, pacer: pacer, maxRetries: maxRetries,
                                      deadline: configuration.upstream.deadline, http: http)
    }
}

extension UserContext {
    /// A client for Instagram's API calls (see `RequestContext.instagramClient()`).
    func instagramClient() throws -> InstagramWebClient { try thread.instagramClient() }
}
