import Web

/// The OAuth callback's refusals are 400 (a forged, expired or replayed state; no code), a denial at Meta 403,
/// an account whose token is gone 409 `RECONNECT_REQUIRED`.
extension ConnectedAccountError: HTTPResponseError {
    public var responseStatus: HTTPStatus {
        switch self {
        case .invalidState, .stateExpired, .stateReplayed, .missingCode, .noAccount: .badRequest
        case .accessDenied: .forbidden
        case .reconnectRequired: .conflict
        }
    }

    public var errorCode: String {
        switch self {
        case .invalidState: "INVALID_STATE"
        case .stateExpired: "STATE_EXPIRED"
        case .stateReplayed: "STATE_ALREADY_USED"
        case .accessDenied: "ACCESS_DENIED"
        case .missingCode: "MISSING_CODE"
        case .reconnectRequired: "RECONNECT_REQUIRED"
        case .noAccount: "NO_PROFESSIONAL_ACCOUNT"
        }
    }

    public var errorMessage: String {
        switch self {
        case .invalidState: "The state parameter is missing or was not issued by this server: start again from /api/sns/instagram/oauth/authorize."
        case .stateExpired: "This authorization took too long: start again from /api/sns/instagram/oauth/authorize."
        case .stateReplayed: "This authorization was already completed; its link cannot be used twice."
        case .accessDenied(let reason): "The Instagram account was not connected: \(reason)."
        case .missingCode: "Meta's redirect has neither a code nor an error."
        case .reconnectRequired: "This account's token no longer works (expired or revoked): connect the account again."
        case .noAccount: "The login did not give access to any Instagram professional account."
        }
    }

    public var fieldErrors: [String: String] {
        switch self {
        case .invalidState, .stateExpired, .stateReplayed: ["state": errorMessage]
        case .missingCode: ["code": "required"]
        default: [:]
        }
    }

    public var isRetryable: Bool { false }
}
