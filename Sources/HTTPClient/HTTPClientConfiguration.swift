/// Limits and policies for outbound HTTP: timeouts, size limits, retries and the host allow-list.
public struct HTTPClientConfiguration: Sendable {
    /// Seconds to establish a connection.
    public var connectTimeout: Double
    /// Seconds for a whole transfer (0 = no overall limit; `lowSpeedTime` still applies).
    public var requestTimeout: Double
    /// A transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` seconds is aborted as a timeout.
    public var lowSpeedLimit: Int
    public var lowSpeedTime: Int
    /// Largest body read into memory; larger answers fail with `.tooLarge`.
    public var maxResponseBytes: Int
    /// Hosts that may be called; nil allows any. Redirect targets are checked too.
    public var allowedHosts: HostAllowList?
    /// Retries after the first attempt for retryable failures (timeouts, connection errors, 5xx, 429).
    public var maxRetries: Int
    /// First backoff delay in seconds; doubles each retry, with full jitter, capped at `maxRetryDelay`.
    public var retryBaseDelay: Double
    public var maxRetryDelay: Double
    /// A `Retry-After` longer than this is not waited for: the answer is returned to the caller.
    public var maxRetryAfter: Double
    /// Redirects followed (each re-checked against the allow-list).
    public var maxRedirects: Int
    public var userAgent: String
    /// Local address or interface to send from (`CURLOPT_INTERFACE`), e.g. `127.0.0.2`.
    public var localAddress: String?

    public init(connectTimeout: Double = 5, requestTimeout: Double = 30, lowSpeedLimit: Int = 1024, lowSpeedTime: Int = 20,
                maxResponseBytes: Int = 16 << 20, allowedHosts: HostAllowList? = nil, maxRetries: Int = 2,
                retryBaseDelay: Double = 0.25, maxRetryDelay: Double = 5, maxRetryAfter: Double = 30, maxRedirects: Int = 5,
                userAgent: String = "instagate", localAddress: String? = nil) {
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxResponseBytes = maxResponseBytes
        self.allowedHosts = allowedHosts
        self.maxRetries = maxRetries
        self.retryBaseDelay = retryBaseDelay
        self.maxRetryDelay = maxRetryDelay
        self.maxRetryAfter = maxRetryAfter
        self.maxRedirects = maxRedirects
        self.userAgent = userAgent
        self.localAddress = localAddress
    }
}
