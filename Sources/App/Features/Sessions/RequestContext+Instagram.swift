import HTTPClient
import Instagram
import Logging

extension RequestContext {
    /// A client for Instagram's API calls, logging with the request's logger; calls with a session are paced
    /// through the thread's database connection (`SessionPacer`). All its calls together end within the
    /// upstream deadline (`INSTAGATE_UPSTREAM_DEADLINE`): a client is waiting.
    func instagramClient() throws -> InstagramWebClient {
        let pacer = SessionPacer(db: try database(), interval: configuration.downloads.sessionPacing)
        return services.instagram.api(logger: logger, pacer: pacer, deadline: configuration.upstream.deadline)
    }
}

extension UserContext {
    /// A client for Instagram's API calls (see `RequestContext.instagramClient()`).
    func instagramClient() throws -> InstagramWebClient { try thread.instagramClient() }
}
