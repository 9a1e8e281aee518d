/// Where a job is in its life. `queued` → `running` → one of the three terminal states, or back to
/// `queued` (retry after a backoff, a released or expired lease).
public enum JobState: String, Sendable, Codable, CaseIterable {
    case queued, running, completed, failed, cancelled

    /// Completed, failed and cancelled jobs never change again (except removal).
    public var isTerminal: Bool { self == .completed || self == .failed || self == .cancelled }

    /// Queued or running: the job holds its unique key.
    public var isLive: Bool { !isTerminal }

    /// Whether a job may move from `self` to `next`.
    public func canMove(to next: JobState) -> Bool {
        switch (self, next) {
        case (.queued, .running), (.queued, .cancelled): return true
        case (.running, .queued), (.running, .completed), (.running, .failed), (.running, .cancelled): return true
        default: return false
        }
    }
}
