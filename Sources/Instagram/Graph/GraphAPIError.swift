import HTTPClient

/// Why a Graph API call did not give what was asked, classified by Meta's `code` and `error_subcode` (never by
/// status or text). `message` is Meta's text, which never contains a token.
public struct GraphAPIError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// 190 (or 102): the token is expired (463), revoked (458), invalidated (460) or unreadable.
        case tokenInvalid = "token_invalid"
        /// 4, 17, 32, 613, 80001–80014: back off.
        case rateLimited = "rate_limited"
        /// 1, 2 or a 5xx: try again later.
        case transient
        /// 10, 200–299: a permission is missing; the user must reconnect granting it.
        case permission
        /// The OAuth endpoints refused the code or the exchange (reused, expired, wrong redirect URI or secret).
        case oauthRejected = "oauth_rejected"
        /// 100 and the rest: the request itself.
        case invalidRequest = "invalid_request"
        /// The answer is not what the API documents.
        case badAnswer = "bad_answer"
        /// No answer: timeout, connection, allow-list.
        case transport
        /// 2635: Meta no longer serves the API version called (`version` names it).
        case versionRetired = "version_retired"
    }

    public var kind: Kind
    public var status: Int
    public var code: Int?
    public var subcode: Int?
    public var message: String
    /// Seconds to wait when Meta said (`estimated_time_to_regain_access`), for rate limits.
    public var retryAfter: Double?
    /// Set when no call was made: Meta's usage headers had reported this percentage of an allowance used, and the
    /// caller's budget waits (kind `rateLimited`) before Meta would refuse.
    public var pausedAtPercent: Int?
    /// The API version the refused call named (`v19.0`), for `versionRetired`.
    public var version: String?

    public init(kind: Kind, status: Int, code: Int? = nil, subcode: Int? = nil, message: String, retryAfter: Double? = nil) {
        self.kind = kind
        self.status = status
        self.code = code
        self.subcode = subcode
        self.message = message
        self.retryAfter = retryAfter
    }

    public init(transport error: HTTPClientError) {
        self.init(kind: .transport, status: 0, message: error.description)
    }

    /// The kind for a Graph envelope's code and subcode.
    public static func kind(code: Int, subcode: Int?, status: Int) -> Kind {
        switch code {
        case 190, 102: return .tokenInvalid
        case 4, 17, 32, 341, 613, 80000...80014: return .rateLimited
        case 1, 2: return .transient
        case 10, 200...299: return .permission
        case 2635: return .versionRetired
        default: return status >= 500 ? .transient : .invalidRequest
        }
    }

    /// An expired token (190/463): Instagram Login may still refresh it when inside its window.
    public var isExpiredToken: Bool { kind == .tokenInvalid && subcode == 463 }

    public var description: String {
        "graph \(kind.rawValue) status \(status) code \(code.map(String.init) ?? "-")/\(subcode.map(String.init) ?? "-"): \(message)"
    }
}
