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
        var from: SnapshotRef
        var to: SnapshotRef
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

    struct SnapshotRef: Encodable {
        var snapshotID: Int64
        var takenAt: Date
        var followers: Int
        var following: Int
        enum CodingKeys: String, CodingKey { case followers, following, snapshotID = "snapshot_id", takenAt = "taken_at" }
    }

    @Sendable static func changes(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        guard let username = request.parameter("username"), InstagramNames.isUsername(username) else {
            throw APIError.notFound("No analyses of that account.")
        }
        let since = try parseSince(request.query("since"))
        let db = try context.database()
        let snapshots = try db.query("""
            SELECT id, taken_at, followers_count, following_count FROM analysis_snapshots
            WHERE owner_id = \(user.id) AND username = \(username) AND completed_at IS NOT NULL
            ORDER BY taken_at DESC, id DESC
            """).map { row throws(PostgresError) in
            SnapshotRef(snapshotID: try row.decode("id"), takenAt: try row.decode("taken_at"),
                        followers: try row.decode("followers_count"), following: try row.decode("following_count"))
        }
        guard let newest = snapshots.first else { throw APIError.notFound("No completed analysis of that account.") }
        let older = snapshots.dropFirst().first { since == nil || $0.takenAt <= since! }
        guard let base = older else {
            throw APIError(.conflict, "NOT_ENOUGH_SNAPSHOTS", "Changes need two completed analyses of the account (one at or before 'since').")
        }
        func diff(_ list: String, in a: Int64, notIn b: Int64) throws -> [String] {
            try db.query("""
                SELECT username FROM analysis_snapshot_users n WHERE n.snapshot_id = \(a) AND n.list = \(list)
                  AND NOT EXISTS (SELECT 1 FROM analysis_snapshot_users o WHERE o.snapshot_id = \(b) AND o.list = \(list) AND o.pk = n.pk)
                ORDER BY username LIMIT 10000
                """).map { row throws(PostgresError) in try row.decode("username", as: String.self) }
        }
        return .json(Body(username: username, from: base, to: newest,
                          newFollowers: try diff("followers", in: newest.snapshotID, notIn: base.snapshotID),
                          lostFollowers: try diff("followers", in: base.snapshotID, notIn: newest.snapshotID),
                          newFollowing: try diff("following", in: newest.snapshotID, notIn: base.snapshotID),
                          stoppedFollowing: try diff("following", in: base.snapshotID, notIn: newest.snapshotID)))
    }

    /// ISO 8601 (`2026-11-23T10:00:00Z`) or unix seconds.
    static func parseSince(_ text: String?) throws(APIError) -> Date? {
        guard let text else { return nil }
        if let seconds = Double(text), seconds.isFinite { return Date(timeIntervalSince1970: seconds) }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        throw APIError.validation(["since": "must be an ISO 8601 time (2026-11-23T10:00:00Z) or unix seconds"])
    }
}
