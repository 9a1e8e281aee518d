import Crypto
import Instagram
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

    /// The job's unique key: one live job per API user and `session_id`, whatever the `csrf_token` (the earlier
    /// service's "one job per session"); the session is hashed, never stored in the clear.
    func uniqueKey(ownerID: Int64) -> String {
        let digest = SHA256.hash(data: Array("session:\(sessionID)".utf8))
        let hex = digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined().prefix(16)
        return "analysis:\(ownerID):\(hex)"
    }

    /// The arguments the job carries: the target and what the answers may show of the session.
    var args: AnalysisArgs {
        AnalysisArgs(username: username, sessionLabel: AnalysisVocabulary.sessionLabel(sessionID: sessionID),
                     userID: InstagramSession.userID(fromSessionID: sessionID))
    }

    /// Field problems: empty, absurdly long, or characters a cookie cannot hold.
    func validate() throws(APIError) {
        var errors: [String: String] = [:]
        errors["csrf_token"] = InstagramNames.cookieProblem(csrfToken, maxLength: 256)
        errors["session_id"] = InstagramNames.cookieProblem(sessionID, maxLength: 1024)
        if let username, !InstagramNames.isUsername(username) {
            errors["username"] = "must be 1 to 30 letters, digits, periods or underscores"
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
    }

}

/// What a follower-analysis job carries in `args` (never the cookies: those are sealed in `analysis_secrets`).
struct AnalysisArgs: Codable, Sendable {
    var username: String?
    /// The masked `session_id` the answers show (`AnalysisVocabulary.sessionLabel`).
    var sessionLabel: String?
    /// The session owner's numeric id (the leading digits of `session_id`).
    var userID: String?

    enum CodingKeys: String, CodingKey {
        case username, sessionLabel = "session_label", userID = "user_id"
    }
}
