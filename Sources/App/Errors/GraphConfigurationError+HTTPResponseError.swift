import Web

/// A login the operator has not configured (no app id, an unreadable secret file): 503 `GRAPH_NOT_CONFIGURED`.
extension GraphConfigurationError: HTTPResponseError {
    public var responseStatus: HTTPStatus { .serviceUnavailable }
    public var errorCode: String { "GRAPH_NOT_CONFIGURED" }
    public var errorMessage: String {
        "The \(flavour.rawValue) login is not configured on this server (see INSTAGATE_\(flavour == .instagram ? "INSTAGRAM" : "FACEBOOK")_APP_ID and its secret file)."
    }
    public var isRetryable: Bool { false }
}
