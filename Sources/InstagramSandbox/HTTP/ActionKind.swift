/// Actions that count toward daily thresholds.
public enum ActionKind: String, Sendable, Codable, CaseIterable {
    case follow, like, comment

    var feedbackPath: String {
        switch self {
        case .follow: return "instagram_follow_users"
        case .like: return "instagram_like_add"
        case .comment: return "instagram_comment"
        }
    }

    var feedbackTitle: String {
        switch self {
        case .follow: return "Action Blocked"
        case .like: return "Sorry, this feature isn't available right now"
        case .comment: return "Action Blocked"
        }
    }
}
