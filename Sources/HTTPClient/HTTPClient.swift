import CCurl
import Foundation

private let curlGlobalInit: Void = {
    curl_global_init(Int(CURL_GLOBAL_DEFAULT))
}()

/// A blocking HTTP client over one libcurl easy handle. Not thread-safe: one per thread, reused for
/// connection keep-alive. Enforces timeouts, size limits, the host allow-list (redirects included),
/// and retries retryable failures with jittered exponential backoff, honouring `Retry-After`.
public final class HTTPClient {
    public let configuration: HTTPClientConfiguration
    let handlePointer: UnsafeMutableRawPointer
    private var random = SystemRandomNumberGenerator()
    /// Called before each retry sleep with the attempt number, the delay and the reason (for logs and job events).
    public var onRetry: ((Int, Double, String) -> Void)?
    /// Called before every transfer (each retry and redirect included) with the request about to go out, on the
    /// calling thread: e.g. outbound pacing per Instagram session, which may block until the request's slot.
    public var beforeTransfer: ((HTTPClientRequest) -> Void)?
    /// When every transfer of a `send` or `stream` must be over, retries and redirects included (nil: only the
    /// per-transfer timeouts). A caller that waits on us (a responder thread) sets it, so a slow upstream costs
    /// at most this long: each transfer's timeout is cut to what is left, and no retry starts after it.
    public var deadline: ContinuousClock.Instant?
    /// Decides, from a redirect's `Location`, that the redirect is itself the answer and is not followed (nil:
    /// every redirect is followed up to `maxRedirects`). Instagram's login wall is read at its first hop this
    /// way: following it can only loop (`/accounts/login/` redirecting to itself while the budget is spent).
    public var keepsRedirect: ((String) -> Bool)?

    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) {
        _ = curlGlobalInit
        self.configuration = configuration
        guard let handle = curl_easy_init() else { fatalError("curl_easy_init failed: out of memory") }
        self.handlePointer = handle
    }

    deinit {
        curl_easy_cleanup(handlePointer)
    }

    /// Sends a request, with retries and redirects, and returns the final answer (any status).
    public func send(_ request: HTTPClientRequest) throws(HTTPClientError) -> HTTPClientResponse {
        try withRetries(request) { () throws(HTTPClientError) in try followingRedirects(request, sink: nil) }
    }

    /// Sees an answer's status and headers before its first body byte (e.g. to reserve disk space for
    /// `Content-Length`); returning false stops the transfer like a refusing sink.
    public typealias HeadHandler = (_ status: Int, _ headers: [(String, String)]) -> Bool

    /// Sends a request whose body is handed to `sink` chunk by chunk instead of being kept in memory.
    /// `sink` returns false to stop the transfer. Not retried: the caller resumes with `Range`.
    public func stream(_ request: HTTPClientRequest, shouldAbort: (() -> Bool)? = nil, onHead: HeadHandler? = nil,
                       sink: @escaping (UnsafeRawBufferPointer) -> Bool) throws(HTTPClientError) -> HTTPClientResponse {
        try followingRedirects(request, sink: sink, shouldAbort: shouldAbort, onHead: onHead)
    }

    private func withRetries(_ request: HTTPClientRequest,
                             _ attempt: () throws(HTTPClientError) -> HTTPClientResponse) throws(HTTPClientError) -> HTTPClientResponse {
        let idempotent = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains(request.method) || request.retryNonIdempotent
        var tries = 0
        while true {
            tries += 1
            let delay: Double
            let reason: String
            do {
                let response = try attempt()
                guard idempotent, tries <= configuration.maxRetries, response.status == 429 || response.status >= 500 else {
                    return response
                }
                if let after = response.retryAfter {
                    guard after <= configuration.maxRetryAfter else { return response }
                    delay = after
                } else {
                    delay = backoff(tries)
                }
                reason = "HTTP \(response.status)"
            } catch {
                guard idempotent, error.isRetryable, tries <= configuration.maxRetries else { throw error }
                delay = backoff(tries)
                reason = error.code.rawValue
            }
            if let deadline, ContinuousClock.now + .milliseconds(Int64(delay * 1000)) >= deadline {
                throw HTTPClientError(.timeout, "no time left before the deadline for another attempt (\(reason))", url: request.url)
            }
            onRetry?(tries, delay, reason)
            Thread.sleep(forTimeInterval: delay)
        }
    }

    /// Full jitter: uniform in [0, min(max, base * 2^(attempt-1))].
    func backoff(_ attempt: Int) -> Double {
        let ceiling = min(configuration.maxRetryDelay, configuration.retryBaseDelay * pow(2, Double(attempt - 1)))
        return Double.random(in: 0...max(ceiling, 0.001), using: &random)
    }

    private func followingRedirects(_ request: HTTPClientRequest, sink: ((UnsafeRawBufferPointer) -> Bool)?,
                                    shouldAbort: (() -> Bool)? = nil, onHead: HeadHandler? = nil) throws(HTTPClientError) -> HTTPClientResponse {
        var current = request
        for _ in 0...configuration.maxRedirects {
            let response = try perform(current, sink: sink, shouldAbort: shouldAbort, onHead: onHead)
            guard request.followsRedirects, [301, 302, 303, 307, 308].contains(response.status),
                  let location = response.header("Location") else {
                return response
            }
            if keepsRedirect?(location) == true { return response }
            current.url = resolve(location, against: current.url)
            if response.status == 303 || (response.status != 307 && response.status != 308 && current.method == "POST") {
                current.method = "GET"
                current.body = nil
            }
        }
        throw HTTPClientError(.tooManyRedirects, "more than \(configuration.maxRedirects) redirects", url: request.url)
    }

    /// Cuts the request's timeout to the time left before `deadline`; throws `.timeout` when none is left.
    func limitToDeadline(_ request: inout HTTPClientRequest) throws(HTTPClientError) {
        guard let deadline else { return }
        let left = ContinuousClock.now.duration(to: deadline)
        let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
        guard seconds > 0.001 else { throw HTTPClientError(.timeout, "the deadline passed", url: request.url) }
        let own = request.timeout ?? configuration.requestTimeout
        request.timeout = own > 0 ? min(own, seconds) : seconds
    }

    private func resolve(_ location: String, against base: String) -> String {
        if location.contains("://") { return location }
        guard let parts = URLParts(base) else { return location }
        if location.hasPrefix("/") { return "\(parts.scheme)://\(parts.hostAndPort)\(location)" }
        let directory = parts.pathAndQuery.split(separator: "?").first.map { String($0) } ?? "/"
        let prefix = directory.hasSuffix("/") ? directory : String(directory[...(directory.lastIndex(of: "/") ?? directory.startIndex)])
        return "\(parts.scheme)://\(parts.hostAndPort)\(prefix)\(location)"
    }
}
