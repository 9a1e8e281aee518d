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

    /// A client for API calls over `http` (a curl handle of its own when nil: one per thread). Calls that carry a
    /// session wait for their slot from `pacer` first, retries included; with `deadline` (seconds), all of them end
    /// by then. A reused `http` (from `apiHTTP`) gets this call's pacer and deadline, nothing of the one before.
    func api(logger: Logger, pacer: SessionPacer?, maxRetries: Int = 2, deadline: Double? = nil,
             http reused: HTTPClient? = nil) -> InstagramWebClient {
        let http = reused ?? apiHTTP(maxRetries: maxRetries)
        http.beforeTransfer = pacer?.pace
        http.deadline = deadline.map { .now + .milliseconds(Int64($0 * 1000)) }
        http.onRetry = nil
        return InstagramWebClient(configuration: settings, http: http, logger: logger)
    }

    /// The HTTP client `api` sends through (redirect policy, allow-list, `maxRetries`), to keep and reuse on a thread.
    func apiHTTP(maxRetries: Int) -> HTTPClient {
        InstagramWebClient.makeHTTPClient(configuration: settings, maxRetries: maxRetries)
    }

    /// A client for CDN files (a curl handle of its own: one per thread).
    func files() -> HTTPClient {
        HTTPClient(configuration: HTTPClientConfiguration(allowedHosts: fileHosts))
    }
}
