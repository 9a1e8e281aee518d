import HTTPClient
import Instagram
import Logging

extension RequestContext {
    /// Where Instagram is, from the configuration (the sandbox locally; going live changes the URLs only).
    var instagramConfiguration: InstagramClientConfiguration {
        InstagramClientConfiguration(webBaseURL: configuration.instagramWebURL, apiBaseURL: configuration.instagramAPIURL)
    }

    /// A client for Instagram's API calls, logging with the request's logger.
    func instagramClient() -> InstagramWebClient {
        InstagramClients.make(instagramConfiguration, logger: logger)
    }
}

/// Builds the Instagram clients of the downloader.
enum InstagramClients {
    /// A client whose HTTP layer follows up to 3 redirects within Instagram's hosts, so that a redirect to the
    /// login or challenge page arrives as the final URL the answer classifier reads (facts §7). With
    /// `maxRedirects: 0` the HTTP client throws `TOO_MANY_REDIRECTS` instead of returning the 302.
    static func make(_ settings: InstagramClientConfiguration, logger: Logger) -> InstagramWebClient {
        let hosts = [settings.webBaseURL, settings.apiBaseURL].compactMap { URLParts($0)?.hostAndPort }
        let http = HTTPClient(configuration: HTTPClientConfiguration(
            requestTimeout: 30, allowedHosts: HostAllowList(hosts), maxRetries: 2, maxRedirects: 3,
            userAgent: settings.webUserAgent))
        return InstagramWebClient(configuration: settings, http: http, logger: logger)
    }
}
