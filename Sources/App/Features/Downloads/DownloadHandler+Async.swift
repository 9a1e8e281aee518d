import Foundation
import Instagram
import Jobs
import Web

extension DownloadHandler {
    /// The answer of an asynchronous download.
    struct Accepted: Encodable {
        var success = true
        var status = "pending"
        var shortcode: String
        var jobID: Int64
        var statusURL: String
        /// Why the download went to the worker: `async` (asked for), `size`, `deadline` or `busy`.
        var reason: String
        enum CodingKeys: String, CodingKey {
            case success, status, shortcode, reason
            case jobID = "job_id"
            case statusURL = "status_url"
        }
    }

    /// `"async": true`, or a synchronous download deferred: records the download as pending, enqueues a `download`
    /// job for `instagate work` (resuming any partial files), answers 202.
    static func enqueue(_ plan: Plan, reason: String, context: UserContext, userID: Int64) throws -> HTTPResponse {
        let (post, item, refresh, session) = (plan.post, plan.item, plan.refresh, plan.session)
        var url = post.canonicalURL
        if let index = post.imageIndex { url += "?img_index=\(index)" }
        let arguments = DownloadJob.Arguments(userID: userID, url: url, refresh: refresh, session: session, item: item,
                                              callbackURL: plan.callbackURL)
        let job = try DownloadStore(db: try context.database()).enqueue(arguments, shortcode: post.shortcode)
        let answer = Accepted(shortcode: post.shortcode, jobID: job.id,
                              statusURL: "\(context.configuration.publicURL)/api/downloads/\(post.shortcode)", reason: reason)
        var response = HTTPResponse.json(answer, status: .accepted)
        response.headers["Location"] = "/api/downloads/\(post.shortcode)"
        return response
    }
}
