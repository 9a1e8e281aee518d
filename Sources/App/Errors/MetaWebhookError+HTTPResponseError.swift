import Web

/// Meta's calls that do not prove they are Meta's: 403, nothing stored or changed.
extension MetaWebhookError: HTTPResponseError {
    public var responseStatus: HTTPStatus { .forbidden }
    public var errorCode: String { self == .verificationFailed ? "VERIFICATION_FAILED" : "INVALID_SIGNATURE" }
    public var errorMessage: String {
        self == .verificationFailed
            ? "hub.mode must be subscribe and hub.verify_token this server's verify token."
            : "The signature does not match the body under any configured app secret."
    }
    public var isRetryable: Bool { false }
}
