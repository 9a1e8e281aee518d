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
        enum CodingKeys: String, CodingKey {
            case success, status, shortcode
            case jobID = "job_id"
            case statusURL = "status_url"
        }
    }

    /// `"async": true`: records the download as pending, enqueues a `download` job for `instagate work`, answers 202.
    static func enqueue(_ post: PostURL, item: Int?, refresh: Bool, session: String?, context: RequestContext,
                        userID: Int64) throws -> HTTPResponse {
        var url = post.canonicalURL
        if let index = post.imageIndex { url += "?img_index=\(index)" }
        let arguments = DownloadJob.Arguments(userID: userID, url: url, refresh: refresh, session: session, item: item)
        let db = try context.database()
        let (job, _) = try db.transaction { () throws -> (job: Job, created: Bool) in
            let enqueued = try JobQueue(connection: db).enqueue(JobRequest(
                kind: DownloadJob.name, ownerID: userID, publicID: post.shortcode,
                uniqueKey: "download:\(userID):\(post.shortcode)",
                args: String(decoding: try JSONEncoder().encode(arguments), as: UTF8.self), maxAttempts: 3))
            try DownloadStore(db: db).enqueued(userID: userID, shortcode: post.shortcode, jobID: enqueued.job.id)
            return enqueued
        }
        let answer = Accepted(shortcode: post.shortcode, jobID: job.id,
                              statusURL: "\(context.configuration.publicURL)/api/downloads/\(post.shortcode)")
        var response = HTTPResponse.json(answer, status: .accepted)
        response.headers["Location"] = "/api/downloads/\(post.shortcode)"
        return response
    }
}
