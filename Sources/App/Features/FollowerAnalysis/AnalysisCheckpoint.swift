import Instagram

/// Where an analysis got to: the target account, the list being paged and the next cursor. Saved after
/// every stored page, so a restarted attempt continues from the last cursor.
struct AnalysisCheckpoint: Codable, Sendable, Equatable {
    var accountPK: String
    var username: String
    var expectedFollowers: Int
    var expectedFollowing: Int
    var list: FriendshipList
    var cursor: String?
    var pages: Int
    var usersFetched: Int
    /// The snapshot the pages are stored in (created when the analysis starts, shown once it completes);
    /// nil in a checkpoint written before snapshots were filled directly: the analysis then starts over.
    var snapshotID: Int64? = nil
    /// Both lists are stored: only the snapshot's completion is left.
    var done: Bool = false

    enum CodingKeys: String, CodingKey {
        case accountPK = "account_pk", username, expectedFollowers = "expected_followers"
        case expectedFollowing = "expected_following", list, cursor, pages, usersFetched = "users_fetched"
        case snapshotID = "snapshot_id", done
    }

    init(accountPK: String, username: String, expectedFollowers: Int, expectedFollowing: Int, list: FriendshipList,
         cursor: String?, pages: Int, usersFetched: Int, snapshotID: Int64? = nil) {
        self.accountPK = accountPK
        self.username = username
        self.expectedFollowers = expectedFollowers
        self.expectedFollowing = expectedFollowing
        self.list = list
        self.cursor = cursor
        self.pages = pages
        self.usersFetched = usersFetched
        self.snapshotID = snapshotID
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(accountPK: try c.decode(String.self, forKey: .accountPK), username: try c.decode(String.self, forKey: .username),
                  expectedFollowers: try c.decode(Int.self, forKey: .expectedFollowers),
                  expectedFollowing: try c.decode(Int.self, forKey: .expectedFollowing),
                  list: try c.decode(FriendshipList.self, forKey: .list), cursor: try c.decodeIfPresent(String.self, forKey: .cursor),
                  pages: try c.decode(Int.self, forKey: .pages), usersFetched: try c.decode(Int.self, forKey: .usersFetched),
                  snapshotID: try c.decodeIfPresent(Int64.self, forKey: .snapshotID))
        done = try c.decodeIfPresent(Bool.self, forKey: .done) ?? false
    }

    /// After a page of `count` users with `next` as its cursor: the next list starts when this one ends.
    /// Returns nil when both lists are done.
    func advanced(by count: Int, next: String?) -> AnalysisCheckpoint? {
        var copy = self
        copy.pages += 1
        copy.usersFetched += count
        copy.cursor = next
        if next == nil {
            guard list == .followers else { return nil }
            copy.list = .following
        }
        return copy
    }

    /// Where the analysis is after a page of `count` users with `next` as its cursor: the next page to fetch,
    /// or, after the last page of both lists, a `done` checkpoint.
    func after(_ count: Int, next: String?) -> AnalysisCheckpoint {
        if let advanced = advanced(by: count, next: next) { return advanced }
        var copy = self
        copy.pages += 1
        copy.usersFetched += count
        copy.cursor = nil
        copy.done = true
        return copy
    }

    var expectedTotal: Int { expectedFollowers + expectedFollowing }
}

/// The progress shown by `GET /api/status/{job_id}`.
struct AnalysisProgress: Codable, Sendable, Equatable {
    var pages: Int
    var usersFetched: Int
    var expectedTotal: Int
    var percent: Double
    var message: String
    var phase: String

    enum CodingKeys: String, CodingKey {
        case pages, usersFetched = "users_fetched", expectedTotal = "expected_total", percent, message, phase
    }

    init(pages: Int = 0, usersFetched: Int = 0, expectedTotal: Int = 0, message: String, phase: String) {
        self.pages = pages
        self.usersFetched = usersFetched
        self.expectedTotal = expectedTotal
        self.percent = expectedTotal > 0 ? min(100, (Double(usersFetched) * 1000 / Double(expectedTotal)).rounded() / 10) : 0
        self.message = message
        self.phase = phase
    }

    init(_ checkpoint: AnalysisCheckpoint, phase: String = "fetching") {
        self.init(pages: checkpoint.pages, usersFetched: checkpoint.usersFetched, expectedTotal: checkpoint.expectedTotal,
                  message: "fetching \(checkpoint.list.rawValue) of \(checkpoint.username)", phase: phase)
    }
}
