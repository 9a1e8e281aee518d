/// Why a download failed. `description` is safe to log: URLs appear without their query string.
public struct DownloadError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure (the `rawValue` is for logs; the API maps it to its own codes).
    public enum Code: String, Sendable {
        /// The CDN refused the URL's signature (403): fetch the post again for fresh URLs.
        case signatureExpired = "CDN_SIGNATURE_EXPIRED"
        /// The CDN has no such file.
        case notFound = "CDN_NOT_FOUND"
        /// The CDN kept failing (5xx, 429, cut connections) after every retry.
        case upstream = "UPSTREAM_ERROR"
        /// The CDN kept answering 429 (or asked to wait longer than a retry may): try again after `retryAfter`.
        case rateLimited = "RATE_LIMITED"
        /// The file is not what the post said (wrong Content-Type, too large), or kept failing verification
        /// (a size other than the CDN stated, a cut MP4 or JPEG) after every retry.
        case badContent = "BAD_CONTENT"
        /// Writing to disk failed.
        case storage = "STORAGE_ERROR"
        /// `img_index` names an item the post does not have.
        case noSuchItem = "NO_SUCH_ITEM"
        /// Our own setup is wrong (secret file, host not allowed).
        case configuration = "CONFIGURATION_ERROR"
        /// A synchronous download ran into its deadline: the partial files are kept for the worker to resume.
        case deadline = "DEADLINE_PASSED"
    }

    /// The kind of failure.
    public var code: Code
    /// What happened, safe to show (no query strings).
    public var message: String
    /// Seconds the CDN asked us to wait, when it did.
    public var retryAfter: Double?

    /// An error of `code`.
    public init(_ code: Code, _ message: String, retryAfter: Double? = nil) {
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    /// `CODE: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
