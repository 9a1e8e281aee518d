import Foundation
import Instagram
import Postgres
import Web

/// `GET /api/analyses/{username}/changes?since=`: who started and who stopped following (and being
/// followed) between the newest snapshot of an account and the last one taken at or before `since`
/// (without `since`: the one before the newest).
enum AnalysisChangesHandler {
    struct Body: Encodable {
        var success = true
        var username: String
        var from: SnapshotSummary
        var to: SnapshotSummary
        var newFollowers: [String]
        var lostFollowers: [String]
        var newFollowing: [String]
        var stoppedFollowing: [String]
        enum CodingKeys: String, CodingKey {
            case success, username, from, to
            case newFollowers = "new_followers", lostFollowers = "lost_followers"
            case newFollowing = "new_following", stoppedFollowing = "stopped_following"
        }
    }

    @Sendable static func changes(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        guard let username = request.parameter("username"), InstagramNames.isUsername(username) else {
            throw APIError.notFound("No analyses of that account.")
        }
        let since = try parseSince(request.query("since"))
        let store = AnalysisStore(db: try context.database())
        let snapshots = try store.completedSnapshots(ownerID: user.id, username: username)
        guard let newest = snapshots.first else { throw APIError.notFound("No completed analysis of that account.") }
        let older = snapshots.dropFirst().first { since == nil || $0.takenAt <= since! }
        guard let base = older else {
            throw APIError(.conflict, "NOT_ENOUGH_SNAPSHOTS", "Changes need two completed analyses of the account (one at or before 'since').")
        }
        return .json(Body(username: username, from: base, to: newest,
                          newFollowers: try store.usernames(in: .followers, of: newest.snapshotID, notIn: base.snapshotID),
                          lostFollowers: try store.usernames(in: .followers, of: base.snapshotID, notIn: newest.snapshotID),
                          newFollowing: try store.usernames(in: .following, of: newest.snapshotID, notIn: base.snapshotID),
                          stoppedFollowing: try store.usernames(in: .following, of: base.snapshotID, notIn: newest.snapshotID)))
    }

    /// ISO 8601 (`2026-11-23T10:00:00Z`) or unix seconds.
    static func parseSince(_ text: String?) throws(APIError) -> Date? {
        guard let text else { return nil }
        if let date = TimeParameter.parse(text) { return date }
        throw APIError.validation(["since": "must be an ISO 8601 time (2026-11-23T10:00:00Z) or unix seconds"])
    }
}
