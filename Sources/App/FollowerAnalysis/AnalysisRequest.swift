import Crypto
import Web

/// `POST /api/analyze`: the session cookies to analyse with and, optionally, another account to analyse.
struct AnalysisRequest: StrictDecodable {
    static let allowedFields: Set<String> = ["csrf_token", "session_id", "username"]
    /// The follower-analysis job kind.
    static let kind = "follower_analysis"

    var csrfToken: String
    var sessionID: String
    var username: String?

    init(csrfToken: String, sessionID: String, username: String? = nil) {
        self.csrfToken = csrfToken
        self.sessionID = sessionID
        self.username = username
    }

    enum CodingKeys: String, CodingKey {
        case csrfToken = "csrf_token", sessionID = "session_id", username
    }

    /// The existing service's job id: the first 16 hex characters of SHA-256(`"csrf_token:session_id"`).
    static func jobID(csrfToken: String, sessionID: String) -> String {
        let digest = SHA256.hash(data: Array("\(csrfToken):\(sessionID)".utf8))
        return digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined().prefix(16).lowercased()
    }

    var jobID: String { AnalysisRequest.jobID(csrfToken: csrfToken, sessionID: sessionID) }

    /// Field problems: empty, absurdly long, or characters a cookie cannot hold.
    func validate() throws(APIError) {
        var errors: [String: String] = [:]
        errors["csrf_token"] = AnalysisRequest.cookieProblem(csrfToken, maxLength: 256)
        errors["session_id"] = AnalysisRequest.cookieProblem(sessionID, maxLength: 1024)
        if let username, !AnalysisRequest.isUsername(username) {
            errors["username"] = "must be 1 to 30 letters, digits, periods or underscores"
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
    }

    static func cookieProblem(_ value: String, maxLength: Int) -> String? {
        if value.isEmpty { return "must not be empty" }
        if value.utf8.count > maxLength { return "must be at most \(maxLength) characters" }
        let allowed = value.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: ",") }
        return allowed ? nil : "must be printable ASCII without spaces, control characters, ';' or ','"
    }

    static func isUsername(_ name: String) -> Bool {
        (1...30).contains(name.count) && name.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "." || $0 == "_"
        }
    }
}

/// What a follower-analysis job carries in `args` (never the cookies: those are sealed in `analysis_secrets`).
struct AnalysisArgs: Codable, Sendable {
    var username: String?
}
