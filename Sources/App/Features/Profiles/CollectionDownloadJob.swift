import Foundation
import Instagram
import Jobs
import Logging
import Observability

/// A whole profile, a profile's stories or a highlight, downloaded by `instagate work` (issue 16): every post
/// through the downloader (the same files, metadata JSON, `downloads` rows and signed links as single posts),
/// with progress in posts and bytes on the job; cancelled by `DELETE /api/collections/{job_id}`.
final class CollectionDownloadJob: JobHandler {
    static let name = "collection_download"

    /// What the handler (or a watch) enqueues.
    struct Arguments: Codable {
        var userID: Int64
        var url: String
        /// The saved session named in the request; nil: anonymous where possible, else the newest saved one.
        var session: String?
        var since: Date?
        var until: Date?
        var maxPosts: Int?
        /// The watch that queued this run (it queues the next when this one ends).
        var watchID: Int64?
        /// Where the status JSON is POSTed, signed, when the job ends.
        var callbackURL: String?
        enum CodingKeys: String, CodingKey {
            case url, session, since, until
            case callbackURL = "callback_url"
            case userID = "user_id"
            case maxPosts = "max_posts"
            case watchID = "watch_id"
        }

        /// Whether any filter narrows the run (a filtered run never moves the incremental watermark).
        var isFiltered: Bool { since != nil || until != nil || maxPosts != nil }
    }

    let services: AppServices
    let logger: Logger

    init(services: AppServices, logger: Logger) {
        self.services = services
        self.logger = logger
    }

    static func kind(services: AppServices, logger: Logger) -> JobKind {
        JobKind(name: name) { CollectionDownloadJob(services: services, logger: logger) }
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        let arguments = try JSONDecoder().decode(Arguments.self, from: Data(job.args.utf8))
        guard let target = try CollectionURLParser().parse(arguments.url) else {
            throw JobFailure(code: "VALIDATION_ERROR", message: "not a profile, stories or highlight URL", isRetryable: false)
        }
        do {
            let run = try CollectionRun(services: services, context: context, arguments: arguments, target: target)
            let result = try run.execute()
            context.logger.info("collection downloaded", metadata: [.files: "\(result.items.count)", .reason: "\(result.stoppedBecause)"])
            return JobJSON.encode(result)
        } catch let interruption as JobInterruption {
            throw interruption
        } catch let error as InstagramError {
            throw JobFailure(CollectionRun.translate(error, target: target))
        } catch {
            throw JobFailure(error)
        }
    }

    /// A watch's run queues the next one `every` seconds later, whatever the outcome (a cancelled run too:
    /// only deleting the watch stops it).
    func finished(_ job: Job, state: JobState, context: JobContext) {
        guard let arguments = try? JSONDecoder().decode(Arguments.self, from: Data(job.args.utf8)) else { return }
        if let url = arguments.callbackURL {
            do {
                try WebhookDeliveryJob.enqueue(userID: arguments.userID, sourceJobID: job.id, url: url, db: context.connection)
            } catch {
                context.logger.warning("cannot queue the webhook", metadata: [.error: "\(error)"])
            }
        }
        guard let watchID = arguments.watchID else { return }
        do {
            try WatchStore(db: context.connection).scheduleNext(watchID: watchID, after: job)
        } catch {
            context.logger.warning("cannot queue the watch's next run", metadata: [.error: "\(error)"])
        }
    }
}
