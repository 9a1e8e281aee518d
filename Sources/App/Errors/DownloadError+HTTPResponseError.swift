import Web

/// The API's answer to a failed file transfer. Retryable: the CDN's failures and expired signatures (a later
/// attempt fetches the post again for fresh URLs).
extension DownloadError: HTTPResponseError {
    public var responseStatus: HTTPStatus {
        switch code {
        case .signatureExpired, .notFound, .upstream, .badContent: .badGateway
        case .storage, .configuration, .deadline: .internalServerError
        case .noSuchItem: .unprocessableEntity
        }
    }

    public var errorCode: String {
        switch code {
        case .signatureExpired, .notFound, .upstream, .badContent: "UPSTREAM_ERROR"
        case .storage: "STORAGE_ERROR"
        case .configuration: "CONFIGURATION_ERROR"
        case .deadline: "DEADLINE_PASSED"
        case .noSuchItem: "VALIDATION_ERROR"
        }
    }

    public var errorMessage: String {
        switch code {
        case .signatureExpired, .notFound, .upstream, .badContent: "Instagram's CDN failed to deliver the media: \(message)."
        case .storage: "The server could not store the files."
        case .configuration: "The downloader is misconfigured (see the server log)."
        case .deadline: "The download did not finish in time."
        case .noSuchItem: "The request is invalid."
        }
    }

    public var fieldErrors: [String: String] { code == .noSuchItem ? ["img_index": message] : [:] }

    public var isRetryable: Bool { code == .upstream || code == .signatureExpired }

    public var retryAfterSeconds: Double? { retryAfter }
}
