import Web

/// An unusable key file is 500 `SECRET_KEY_UNAVAILABLE` (the operator must fix it); a sealed value that does
/// not open is an internal error. The message never names the key or the value.
extension SecretBoxError: HTTPResponseError {
    public var responseStatus: HTTPStatus { .internalServerError }
    public var errorCode: String { kind == .keyUnavailable ? "SECRET_KEY_UNAVAILABLE" : APIError.internalError.code }
    public var errorMessage: String {
        kind == .keyUnavailable
            ? "The server's secret key file is missing or invalid; secrets cannot be stored. See INSTAGATE_SECRET_KEY_FILE."
            : APIError.internalError.message
    }
    public var isRetryable: Bool { false }
}
