import Web

/// The API's answer to a failed file transfer. Retryable: the CDN's failures, its rate limit (429
/// `RATE_LIMIT_EXCEEDED` with `Retry-After`: the CDN's, else a minute) and expired signatures (a later attempt
/// fetches the post again for fresh URLs).
extension DownloadError: HTTPResponseError {
    public var responseStatus: HTTPStatus {
        switch code {
        case .signatureExpired, .notFound, .upstream, .badContent: .badGateway
        case .storage, .configuration, .deadline: .internalServerError
        case .noSuchItem: .unprocessableEntity
        case .rateLimited: .tooManyRequests
        }
    }

    public var errorCode: String {
        switch code {
        case .signatureExpired, .notFound, .upstream, .badContent: "UPSTREAM_ERROR"
        case .storage: "STORAGE_ERROR"
        case .configuration: "CONFIGURATION_ERROR"
        case .deadline: "DEADLINE_PASSED"
        case .noSuchItem: "VALIDATION_ERROR"
        case .rateLimited: "RATE_LIMIT_EXCEEDED"
        }
    }

    public var errorMessage: String {
        switch code {
        case .signatureExpired, .notFound, .upstream, .badContent: "Instagram's CDN failed to deliver the media: \(message)."
        case .storage: "The server could not store the files."
        case .configuration: "The downloader is misconfigured (see the server log)."
        case .deadline: "The download did not finish in time."
        case .noSuchItem: "The request is invalid."
        case .rateLimited: "Instagram's CDN is rate limiting us; try again in \(waitSeconds) s."
        }
    }

    public var fieldErrors: [String: String] { code == .noSuchItem ? ["img_index": message] : [:] }

    public var responseHeaders: [(String, String)] { code == .rateLimited ? [("Retry-After", "\(waitSeconds)")] : [] }

    public var isRetryable: Bool { code == .upstream || code == .signatureExpired || code == .rateLimited }

    public var retryAfterSeconds: Double? { retryAfter ?? (code == .rateLimited ? Double(waitSeconds) : nil) }

    /// Whole seconds to wait after the CDN's rate limit (its `Retry-After`, else a minute).
    var waitSeconds: Int { Int((retryAfter ?? 60).rounded(.up)) }
}
