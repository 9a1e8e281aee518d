import DownloadEngine
import Foundation
import HTTPClient
import Instagram
import Jobs
import Logging
import Web

/// One attempt of a collection job: lists the profile's posts (or the stories, or the highlight) and hands each
/// to the downloader through the coordinator (a post stored already is not fetched again; a post being written
/// by someone else is waited for). Progress is saved after every post (a profile's: after every batch), which is also
/// where a cancel or a pause lands.
final class CollectionRun {
    let services: AppServices
    let context: JobContext
    let arguments: CollectionDownloadJob.Arguments
    let target: CollectionURL
    let settings: DownloadSettings
    let client: InstagramWebClient
    let downloader: PostDownloader
    let coordinator: DownloadCoordinator
    let downloads: DownloadStore
    let store: ProfileStore
    var progress = CollectionProgress()
    var items: [CollectionResult.Item] = []
    /// A profile's batch being staged while the one before is published (`CollectionRun+Batch`), its locks held.
    var inFlight: InFlightBatch?
    /// The posts of a profile's pages looked at so far: a post listed again on a later page (the profile's posts
    /// shifted while it was walked) is neither downloaded nor counted again.
    var walked: Set<String> = []
    /// The threads staging a profile's batches (while its posts are walked).
    var stager: CollectionStager?
    /// Where a profile's batches spent their time (logged when its posts are walked).
    var timings = CollectionTimings()

    init(services: AppServices, context: JobContext, arguments: CollectionDownloadJob.Arguments, target: CollectionURL) throws {
        self.services = services
        self.context = context
        self.arguments = arguments
        self.target = target
        settings = services.configuration.downloads
        let db = context.connection
        client = services.instagram.api(logger: context.logger, pacer: SessionPacer(db: db, interval: settings.sessionPacing))
        downloader = PostDownloader(settings: settings, instagram: client, cdn: services.instagram.files(), logger: context.logger)
        coordinator = DownloadCoordinator(db: db, settings: settings, logger: context.logger)
        downloads = DownloadStore(db: db)
        store = ProfileStore(db: db)
    }

    func execute() throws -> CollectionResult {
        switch target {
        case .profile(let username): return try profile(username)
        case .stories(let username, let storyPK): return try stories(username, storyPK: storyPK)
        case .highlight(let id): return try highlight(id)
        }
    }

    /// The session the request named (gone → `INVALID_SESSION`), else nil.
    func namedSession() throws -> InstagramSession? {
        guard let username = arguments.session else { return nil }
        guard let found = try InstagramSessionStore(db: context.connection, box: try services.secretBox())
            .load(userID: arguments.userID, username: username) else {
            throw JobFailure(code: "INVALID_SESSION", message: "the saved session @\(username) is gone", isRetryable: false)
        }
        return found.session
    }

    /// The named session, else the newest saved one; nil when the user saved none.
    func anySession() throws -> (username: String, session: InstagramSession)? {
        try InstagramSessionStore(db: context.connection, box: try services.secretBox())
            .load(userID: arguments.userID, username: arguments.session)
    }

    /// One post (or story item) into storage and the user's downloads; `refetch` gives fresh CDN URLs.
    func save(_ post: InstagramPost, refetch: (() throws -> InstagramPost)?) throws {
        let outcome = try coordinator.obtain(shortcode: post.shortcode, item: nil, refresh: false, authorize: {}) {
            try downloader.download(fetched: post, refetch: refetch)
        }
        try record(post, outcome)
        try context.progress(progress)
    }

    /// A saved post in the user's downloads, the result's items and the progress counters (not yet saved).
    func record(_ post: InstagramPost, _ outcome: DownloadCoordinator.Outcome) throws {
        try downloads.complete(userID: arguments.userID, metadata: outcome.metadata)
        tally(post, outcome)
    }

    /// A saved post (its row written) in the result's items and the progress counters (not yet saved).
    func tally(_ post: InstagramPost, _ outcome: DownloadCoordinator.Outcome) {
        let bytes = outcome.metadata.files.reduce(Int64(0)) { $0 + $1.size }
        items.append(CollectionResult.Item(shortcode: post.shortcode, mediaType: post.type.rawValue, takenAt: post.takenAt,
                                           files: outcome.metadata.files.count, bytes: bytes, fromStorage: outcome.fromStorage))
        progress.postsDone += 1
        progress.bytesDone += bytes
        if outcome.fromStorage { progress.postsFromStorage += 1 }
    }

    /// Instagram's verdicts in the words of a collection (a missing profile is not a missing post).
    static func translate(_ error: InstagramError, target: CollectionURL) -> any Error {
        switch (error.code, target) {
        case (.notFound, .profile(let name)), (.notFound, .stories(let name, _)):
            return CollectionError(.profileNotFound, "Instagram has no profile @\(name) (renamed or deleted?).")
        case (.notFound, .highlight):
            return CollectionError(.highlightNotFound, "Instagram has no such highlight, or the session may not see it.")
        case (.privateAccount, _):
            return CollectionError(.privateProfile, "The profile is private and the session's account does not follow it.")
        default:
            return error
        }
    }
}
