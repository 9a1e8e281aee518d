import Foundation

/// Where an account stands against one daily limit, as `GET /api/instagram/limits/{username}` and every action
/// answer show it.
struct LimitView: Encodable {
    var limit: Int
    var used: Int
    var remaining: Int
    /// When the next unit comes back (the oldest use leaves the 24 h window); 24 h from now when none is used.
    var resetAt: Date
    /// Until when Instagram's block of this action type holds (absent when none).
    var blockedUntil: Date?

    enum CodingKeys: String, CodingKey {
        case limit, used, remaining
        case resetAt = "reset_at"
        case blockedUntil = "blocked_until"
    }

    init(_ status: QuotaStatus, blockedUntil: Date? = nil) {
        limit = status.limit
        used = status.used
        remaining = status.remaining
        resetAt = Date().addingTimeInterval(Double(status.resetSeconds))
        self.blockedUntil = blockedUntil
    }
}
