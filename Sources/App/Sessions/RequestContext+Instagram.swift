import HTTPClient
import Instagram
import Logging

extension RequestContext {
    /// Where Instagram is, from the configuration (the sandbox locally; going live changes the URLs only).
    var instagramConfiguration: InstagramClientConfiguration {
        InstagramClientConfiguration(webBaseURL: configuration.instagramWebURL, apiBaseURL: configuration.instagramAPIURL)
    }

    /// A client for Instagram's API calls, logging with the request's logger; calls with a session are paced
    /// through the thread's database connection (`SessionPacer`). All its calls together end within the
    /// upstream deadline (`INSTAGATE_UPSTREAM_DEADLINE`): a client is waiting.
    func instagramClient() throws -> InstagramWebClient {
        let pacer = SessionPacer(db: try database(), interval: configuration.downloads.sessionPacing)
        let client = InstagramClients.make(instagramConfiguration, logger: logger, pacer: pacer)
        client.http.deadline = .now + .milliseconds(Int64(configuration.upstream.deadline * 1000))
        return client
    }
}

extension UserContext {
    /// A client for Instagram's API calls (see `RequestContext.instagramClient()`).
    func instagramClient() throws -> InstagramWebClient { try thread.instagramClient() }
}

/// Builds the Instagram clients of the downloader.
enum InstagramClients {
    /// A client whose HTTP layer follows up to 3 redirects within Instagram's hosts, so that a redirect to the
    /// login or challenge page arrives as the final URL the answer classifier reads (facts §7). With
    /// `maxRedirects: 0` the HTTP client throws `TOO_MANY_REDIRECTS` instead of returning the 302.
    /// Every call that carries a session waits for its slot from `pacer` first (retries included).
    static func make(_ settings: InstagramClientConfiguration, logger: Logger, pacer: SessionPacer?) -> InstagramWebClient {
        let hosts = [settings.webBaseURL, settings.apiBaseURL].compactMap { URLParts($0)?.hostAndPort }
        let http = HTTPClient(configuration: HTTPClientConfiguration(
            requestTimeout: 30, allowedHosts: HostAllowList(hosts), maxRetries: 2, maxRedirects: 3,
            userAgent: settings.webUserAgent))
        if let pacer { http.beforeTransfer = pacer.pace }
        return InstagramWebClient(configuration: settings, http: http, logger: logger)
    }

    /// The HTTP client for CDN files: the Instagram and CDN hosts of the configuration.
    static func cdn(_ configuration: AppConfiguration) -> HTTPClient {
        HTTPClient(configuration: HTTPClientConfiguration(allowedHosts: HostAllowList(
            [configuration.instagramWebURL, configuration.instagramAPIURL].compactMap { URLParts($0)?.hostAndPort }
                + configuration.instagramCDNHosts.patterns)))
    }
}
