import HTTPClient
import Instagram
import Logging

/// The one way instagate builds its Instagram clients, from the configuration, once per process: one redirect
/// policy (`InstagramWebClient.apiRedirects`, so a redirect to the login or challenge page arrives as the URL the
/// answer classifier reads) and one allow-list (Instagram's two hosts for API calls; those and the CDN hosts for
/// files). Going live changes the configured URLs only.
public struct InstagramClients: Sendable {
    /// Where Instagram is and how our client introduces itself.
    public let settings: InstagramClientConfiguration
    /// Hosts media files may come from: Instagram's own and the configured CDN hosts.
    let fileHosts: HostAllowList

    public init(_ configuration: AppConfiguration) {
        settings = InstagramClientConfiguration(webBaseURL: configuration.instagramWebURL, apiBaseURL: configuration.instagramAPIURL)
        fileHosts = HostAllowList([settings.webBaseURL, settings.apiBaseURL].compactMap { URLParts($0)?.hostAndPort }
            + configuration.instagramCDNHosts.patterns)
    }

    /// A client for API calls (a curl handle of its own: one per thread). Calls that carry a session wait for
    /// their slot from `pacer` first, retries included; with `deadline` (seconds), all of them end by then.
    func api(logger: Logger, pacer: SessionPacer?, maxRetries: Int = 2, deadline: Double? = nil) -> InstagramWebClient {
        let http = InstagramWebClient.makeHTTPClient(configuration: settings, maxRetries: maxRetries)
        if let pacer { http.beforeTransfer = pacer.pace }
        if let deadline { http.deadline = .now + .milliseconds(Int64(deadline * 1000)) }
        return InstagramWebClient(configuration: settings, http: http, logger: logger)
    }

    /// A client for CDN files (a curl handle of its own: one per thread).
    func files() -> HTTPClient {
        HTTPClient(configuration: HTTPClientConfiguration(allowedHosts: fileHosts))
    }
}
