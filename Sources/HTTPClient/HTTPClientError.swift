/// Why an outbound request failed before an HTTP answer could be returned.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case invalidURL = "INVALID_URL"
        case hostNotAllowed = "HOST_NOT_ALLOWED"
        case timeout = "TIMEOUT"
        case connectionFailed = "CONNECTION_FAILED"
        case tooLarge = "RESPONSE_TOO_LARGE"
        case tooManyRedirects = "TOO_MANY_REDIRECTS"
        case transferFailed = "TRANSFER_FAILED"
        case aborted = "ABORTED"
    }

    public var code: Code
    public var message: String
    /// The URL without its query string (never log query strings: they can carry tokens).
    public var url: String
    /// The status of the answer that was being received when the transfer broke off (0 or nil: none yet).
    public var status: Int? = nil
    /// The headers of that answer.
    public var headers: [(String, String)] = []

    public init(_ code: Code, _ message: String, url: String) {
        self.code = code
        self.message = message
        self.url = URLParts(url)?.redacted ?? "(invalid url)"
    }

    /// Timeouts, connection failures and cut transfers are worth another try.
    public var isRetryable: Bool {
        code == .timeout || code == .connectionFailed || code == .transferFailed
    }

    public var description: String { "\(code.rawValue): \(message) (\(url))" }
}
