import Foundation
import Jobs
import Postgres
import Web

/// The items of a new run: the body's targets, or the unfollowers of a finished follower analysis of the same
/// account (following, not followed back) less the whitelist, each by user id with the username beside it.
enum BulkSource {
    static func items(_ request: BulkRequest, acting: InstagramSessionStore.ActingSession, userID: Int64,
                      db: PostgresConnection) throws -> [(target: String, label: String?)] {
        guard let analysisID = request.fromAnalysis else { return request.targets.map { ($0, nil) } }
        guard let job = try AnalysisJobs(db: db).find(publicID: analysisID, ownerID: userID) else {
            throw APIError.validation(["from_analysis": "no follower analysis with that id for this API key"])
        }
        let analysed = JobJSON.decode(AnalysisResultSummary.self, from: job.result)?.username
            ?? JobJSON.decode(AnalysisArgs.self, from: job.args)?.username ?? ""
        guard analysed.lowercased() == acting.username.lowercased() else {
            throw APIError.validation(["from_analysis": "is an analysis of @\(analysed), not of @\(acting.username)"])
        }
        guard job.state == .completed, let (snapshotID, _) = try AnalysisJobs(db: db).snapshot(jobID: job.id) else {
            throw APIError.validation(["from_analysis": "the analysis has not completed (it is \(job.state.rawValue))"])
        }
        let unfollowers = try AnalysisLists(db: db).page(.unfollowers, snapshotID: snapshotID, after: nil, limit: 100_000)
        return unfollowers.filter { !request.whitelist.contains($0.username.lowercased()) }.map { (String($0.pk), $0.username) }
    }
}
