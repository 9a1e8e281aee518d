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

    enum CodingKeys: String, CodingKey {
        case accountPK = "account_pk", username, expectedFollowers = "expected_followers"
        case expectedFollowing = "expected_following", list, cursor, pages, usersFetched = "users_fetched"
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
