import Instagram
import Web

/// `POST /api/analyze`'s body: the session cookies (`csrf_token`, `session_id`), or `session`, the username of one
/// of the caller's saved Instagram sessions (`POST /api/instagram/session`), whose sealed cookies are used; and
/// optionally `username`, another account to analyse.
struct AnalyzeBody: StrictDecodable {
    static let allowedFields: Set<String> = ["csrf_token", "session_id", "username", "session"]

    var csrfToken: String?
    var sessionID: String?
    var username: String?
    var session: String?

    enum CodingKeys: String, CodingKey {
        case csrfToken = "csrf_token", sessionID = "session_id", username, session
    }

    /// The analysis to queue; `saved` opens the caller's saved session of a username (nil: none saved).
    func request(saved: (String) throws -> InstagramSession?) throws -> AnalysisRequest {
        guard let session else {
            var missing: [String: String] = [:]
            if csrfToken == nil { missing["csrf_token"] = "is required" }
            if sessionID == nil { missing["session_id"] = "is required" }
            guard missing.isEmpty else { throw APIError.validation(missing) }
            return AnalysisRequest(csrfToken: csrfToken ?? "", sessionID: sessionID ?? "", username: username)
        }
        guard csrfToken == nil, sessionID == nil else {
            throw APIError.validation(["session": "give either session or csrf_token and session_id, not both"])
        }
        guard InstagramNames.isUsername(session), let cookies = try saved(session) else {
            throw APIError.validation(["session": "no saved Instagram session with that username (POST /api/instagram/session)"])
        }
        return AnalysisRequest(csrfToken: cookies.csrfToken, sessionID: cookies.sessionID, username: username)
    }
}
