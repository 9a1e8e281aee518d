import DownloadEngine
import Foundation
import HTTPClient
import Instagram
import Jobs
import Logging
import Observability
import Postgres
import Web

/// An asynchronous download (`"async": true`), run by `instagate work`: the same download as the synchronous
/// path, with its progress in bytes saved on the `downloads` row (`GET /api/downloads/{shortcode}`).
final class DownloadJob: JobHandler {
    static let name = "download"

    /// What the handler enqueues.
    struct Arguments: Codable {
        var userID: Int64
        var url: String
        var refresh: Bool
        var session: String?
        var item: Int?
        /// Where the download's status JSON is POSTed, signed, when the job ends.
        var callbackURL: String?
        enum CodingKeys: String, CodingKey { case url, refresh, session, item, userID = "user_id", callbackURL = "callback_url" }
    }

    let services: AppServices
    let logger: Logger
    var configuration: AppConfiguration { services.configuration }

    init(services: AppServices, logger: Logger) {
        self.services = services
        self.logger = logger
    }

    static func kind(services: AppServices, logger: Logger) -> JobKind {
        JobKind(name: name) { DownloadJob(services: services, logger: logger) }
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        let arguments = try JSONDecoder().decode(Arguments.self, from: Data(job.args.utf8))
        var post = try PostURLParser().parse(arguments.url)
        post.imageIndex = arguments.item ?? post.imageIndex
        let db = context.connection
        let store = DownloadStore(db: db)
        do {
            let started = ContinuousClock.now
            let metadata = try download(post, arguments: arguments, context: context)
            try store.complete(userID: arguments.userID, metadata: metadata)
            context.logger.info("download finished", metadata: [
                .shortcode: "\(post.shortcode)", .files: "\(metadata.files.count)",
                .bytes: "\(metadata.files.reduce(Int64(0)) { $0 + $1.size })", .seconds: "\(ContinuousClock.now - started)"])
            return "{\"shortcode\":\"\(post.shortcode)\",\"files\":\(metadata.files.count)}"
        } catch let interruption as JobInterruption {
            throw interruption
        } catch {
            let failure = JobFailure(error)
            if !failure.isRetryable || job.attempts >= job.maxAttempts {
                // A failed refresh leaves the stored files alone: the row goes back to them.
                let stored = DownloadStorage(settings: configuration.downloads).stored(shortcode: post.shortcode, item: arguments.item)
                let restored = arguments.refresh && stored != nil
                    && (try? store.failRefresh(userID: arguments.userID, shortcode: post.shortcode, item: arguments.item, code: failure.code,
                                               message: failure.message)) == true
                if !restored {
                    try? store.fail(userID: arguments.userID, shortcode: post.shortcode, item: arguments.item, code: failure.code,
                                    message: failure.message)
                }
            }
            throw failure
        }
    }

    /// A download with a `callback_url` queues its webhook when it ends (completed, failed or cancelled).
    func finished(_ job: Job, state: JobState, context: JobContext) {
        guard let arguments = try? JSONDecoder().decode(Arguments.self, from: Data(job.args.utf8)),
              let url = arguments.callbackURL else { return }
        do {
            try WebhookDeliveryJob.enqueue(userID: arguments.userID, sourceJobID: job.id, url: url, db: context.connection)
        } catch {
            context.logger.warning("cannot queue the webhook", metadata: [.error: "\(error)"])
        }
    }

    private func download(_ post: PostURL, arguments: Arguments, context: JobContext) throws -> DownloadMetadata {
        let db = context.connection
        let settings = configuration.downloads
        let store = DownloadStore(db: db)
        try store.markRunning(userID: arguments.userID, shortcode: post.shortcode, item: arguments.item)
        let session = try arguments.session.map { username -> InstagramSession in
            let box = try services.secretBox()
            guard let found = try InstagramSessionStore(db: db, box: box).load(userID: arguments.userID, username: username) else {
                throw JobFailure(code: "INVALID_SESSION", message: "the saved session @\(username) is gone", isRetryable: false)
            }
            return found.session
        }
        let pacer = SessionPacer(db: db, interval: settings.sessionPacing)
        let client = services.instagram.api(logger: context.logger, pacer: pacer)
        let downloader = PostDownloader(settings: settings, instagram: client, cdn: services.instagram.files(), logger: context.logger)
        let reporter = ProgressReporter(store: store, userID: arguments.userID, shortcode: post.shortcode, item: arguments.item)
        downloader.onProgress = reporter.report
        let coordinator = DownloadCoordinator(db: db, settings: settings, logger: context.logger)
        return try coordinator.obtain(shortcode: post.shortcode, item: arguments.item, refresh: arguments.refresh, authorize: {
            _ = try client.fetchPost(post, session: session)
        }) {
            try downloader.download(post, session: session, selectItem: arguments.item != nil)
        }.metadata
    }
}

/// Saves a running download's bytes on its row at most twice a second.
final class ProgressReporter {
    let store: DownloadStore
    let userID: Int64
    let shortcode: String
    let item: Int?
    private var last = Date.distantPast

    init(store: DownloadStore, userID: Int64, shortcode: String, item: Int?) {
        self.store = store
        self.userID = userID
        self.shortcode = shortcode
        self.item = item
    }

    func report(_ bytes: Int64) {
        guard Date().timeIntervalSince(last) >= 0.5 else { return }
        last = Date()
        try? store.progress(userID: userID, shortcode: shortcode, item: item, bytes: bytes)
    }
}
