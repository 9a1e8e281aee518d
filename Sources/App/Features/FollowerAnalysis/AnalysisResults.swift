import Foundation
import Jobs
import Postgres
import Web

/// The lists of a completed analysis: JSON pages (`?list=&cursor=&limit=`) and CSV downloads.
enum AnalysisResults {
    struct JSON: Encodable {
        var username: String
        var snapshotID: Int64
        var takenAt: Date
        var counts: AnalysisCounts
        var lists: [String: ListPage]
        enum CodingKeys: String, CodingKey {
            case username, counts, snapshotID = "snapshot_id", takenAt = "taken_at"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: DynamicKey.self)
            try container.encode(username, forKey: DynamicKey("username"))
            try container.encode(snapshotID, forKey: DynamicKey("snapshot_id"))
            try container.encode(takenAt, forKey: DynamicKey("taken_at"))
            try container.encode(counts, forKey: DynamicKey("counts"))
            for (name, page) in lists { try container.encode(page, forKey: DynamicKey(name)) }
        }
    }

    struct ListPage: Encodable {
        var count: Int
        var users: [StoredUser]
        var nextCursor: String?
        enum CodingKeys: String, CodingKey { case count, users, nextCursor = "next_cursor" }
    }

    struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static func json(job: Job, request: HTTPRequest, db: PostgresConnection) throws -> JSON {
        let (snapshotID, takenAt) = try snapshot(of: job, db: db)
        let lists = AnalysisLists(db: db)
        // The counts were computed when the snapshot was made; recomputing them is only the fallback.
        let counts = try JobJSON.decode(AnalysisResultSummary.self, from: job.result)?.counts ?? lists.counts(snapshotID: snapshotID)
        let limit = try request.queryInteger("limit", default: 100, range: 1...1000)
        let names = try requestedList(request).map { [$0] } ?? AnalysisLists.Name.allCases
        let cursor = request.query("cursor")
        if let cursor, try !lists.contains(username: cursor, snapshotID: snapshotID) {
            throw APIError.validation(["cursor": "is not a next_cursor of this job's results"])
        }
        var pages: [String: ListPage] = [:]
        for name in names {
            // One more than asked tells whether a next page exists: the last page has no next_cursor.
            let users = try lists.page(name, snapshotID: snapshotID, after: cursor, limit: limit + 1)
            let shown = Array(users.prefix(limit))
            pages[name.rawValue] = ListPage(count: counts.count(of: name), users: shown,
                                            nextCursor: users.count > limit ? shown.last?.username : nil)
        }
        let username = JobJSON.decode(AnalysisResultSummary.self, from: job.result)?.username ?? ""
        return JSON(username: username, snapshotID: snapshotID, takenAt: takenAt, counts: counts, lists: pages)
    }

    /// One list (default `unfollowers`) as CSV, complete.
    static func csv(job: Job, request: HTTPRequest, db: PostgresConnection) throws -> HTTPResponse {
        guard job.state == .completed else {
            throw APIError(.conflict, "JOB_NOT_COMPLETED", "Results are available when the job has completed (it is \(job.state.rawValue)).")
        }
        let name = try requestedList(request) ?? .unfollowers
        let (snapshotID, _) = try snapshot(of: job, db: db)
        var csv = CSVText(header: ["pk", "username", "full_name", "is_private", "is_verified"])
        var cursor: String?
        repeat {
            let users = try AnalysisLists(db: db).page(name, snapshotID: snapshotID, after: cursor, limit: 5000)
            for user in users {
                csv.appendRow([user.pk, user.username, user.full_name, "\(user.is_private)", "\(user.is_verified)"])
            }
            cursor = users.count == 5000 ? users.last?.username : nil
        } while cursor != nil
        var response = HTTPResponse.bytes(csv.bytes, contentType: "text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = "attachment; filename=\"\(job.publicID ?? "analysis")-\(name.rawValue).csv\""
        return response
    }

    static func snapshot(of job: Job, db: PostgresConnection) throws -> (Int64, Date) {
        guard let snapshot = try AnalysisJobs(db: db).snapshot(jobID: job.id) else {
            throw APIError(.conflict, "RESULTS_UNAVAILABLE", "This job has no stored results.")
        }
        return snapshot
    }

    static func requestedList(_ request: HTTPRequest) throws(APIError) -> AnalysisLists.Name? {
        guard let text = request.query("list") else { return nil }
        guard let name = AnalysisLists.Name(rawValue: text) else {
            throw APIError.validation(["list": "must be one of followers, following, unfollowers, fans, mutual"])
        }
        return name
    }
}

extension AnalysisCounts {
    func count(of name: AnalysisLists.Name) -> Int {
        switch name {
        case .followers: return followers
        case .following: return following
        case .unfollowers: return unfollowers
        case .fans: return fans
        case .mutual: return mutual
        }
    }
}
