/// What Instagram thinks of a session.
public enum SessionState: String, Sendable, Codable, CaseIterable {
    /// Works.
    case valid
    /// Logged out: web calls redirect to the login page, mobile calls get `login_required`.
    case expired
    /// Flagged: every call gets `checkpoint_required` (web) / `challenge_required` (mobile).
    case checkpoint
    /// Reads work, every action gets `feedback_required`.
    case actionBlocked = "action_blocked"
}

/// A login: the cookies a browser holds after signing in.
public struct SandboxSession: Sendable, Equatable {
    /// The `sessionid` cookie, percent-decoded (`<user pk>:<random>:<n>:<token>`).
    public var sessionID: String
    public var userPK: UInt64
    public var csrfToken: String
    public var state: SessionState
    /// Exempt from pacing limits (for benchmarks).
    public var unlimited: Bool

    public init(sessionID: String, userPK: UInt64, csrfToken: String, state: SessionState, unlimited: Bool = false) {
        self.sessionID = sessionID
        self.userPK = userPK
        self.csrfToken = csrfToken
        self.state = state
        self.unlimited = unlimited
    }
}
