import Instagram
import Web

/// The API's answer to a Graph API failure: an unusable token is 409 `RECONNECT_REQUIRED` (the account must be
/// connected again), Meta's rate limits 429 `RATE_LIMIT_EXCEEDED` with `Retry-After` (also when instagate held the
/// call back because Meta's usage headers reported the allowance nearly used), a missing permission 403,
/// a refused OAuth exchange 400, a retired `INSTAGATE_GRAPH_API_VERSION` 503 `GRAPH_API_VERSION_RETIRED` (naming
/// the version and what to change), everything else on Meta's side 502 `UPSTREAM_ERROR`. Meta's message is not
/// repeated (it can name the app); no token is ever part of it.
extension GraphAPIError: HTTPResponseError {
    public var responseStatus: HTTPStatus {
        switch kind {
        case .tokenInvalid: .conflict
        case .rateLimited: .tooManyRequests
        case .permission: .forbidden
        case .oauthRejected: .badRequest
        case .transient, .invalidRequest, .badAnswer, .transport: .badGateway
        case .versionRetired: .serviceUnavailable
        }
    }

    public var errorCode: String {
        switch kind {
        case .tokenInvalid: "RECONNECT_REQUIRED"
        case .rateLimited: "RATE_LIMIT_EXCEEDED"
        case .permission: "PERMISSION_MISSING"
        case .oauthRejected: "OAUTH_REJECTED"
        case .transient, .invalidRequest, .badAnswer, .transport: "UPSTREAM_ERROR"
        case .versionRetired: "GRAPH_API_VERSION_RETIRED"
        }
    }

    public var errorMessage: String {
        if let percent = pausedAtPercent {
            return "Meta reported \(percent)% of this account's or this app's Graph API allowance used: instagate makes no call for it until Retry-After seconds have passed, before Meta blocks it."
        }
        return switch kind {
        case .tokenInvalid: "Meta no longer accepts this account's token (expired or revoked): connect the account again."
        case .rateLimited: "Meta's Graph API rate limit was reached (code \(code ?? 0)); try again after Retry-After seconds."
        case .permission: "The account did not grant a permission this needs: connect it again and grant every permission asked."
        case .oauthRejected: "Meta refused the authorization code (expired, already used, or the redirect URI differs)."
        case .transient, .invalidRequest, .badAnswer, .transport: "Meta's Graph API failed or did not answer in time."
        case .versionRetired:
            "Meta no longer serves Graph API \(version ?? "version") (INSTAGATE_GRAPH_API_VERSION): set INSTAGATE_GRAPH_API_VERSION to a version Meta serves (Meta says: \(message)) and restart instagate."
        }
    }

    public var waitSeconds: Int { Int((retryAfter ?? 3600).rounded(.up)) }

    public var responseHeaders: [(String, String)] { kind == .rateLimited ? [("Retry-After", String(waitSeconds))] : [] }

    public var retryAfterSeconds: Double? { kind == .rateLimited ? Double(waitSeconds) : nil }

    public var isRetryable: Bool { kind == .rateLimited || kind == .transient || kind == .transport }
}
