import DownloadEngine
import Foundation
import Instagram

/// A page's posts on their way into storage: their locks held, those stored already found, the rest handed to the
/// staging threads (`CollectionStager`).
struct InFlightBatch {
    /// The page's chosen posts, in its order.
    let posts: [InstagramPost]
    /// The posts found in storage when the batch began.
    var outcomes: [String: DownloadCoordinator.Outcome]
    /// The posts being staged, in the ticket's order.
    let missing: [InstagramPost]
    let ticket: CollectionStager.Ticket?
    /// Fresh CDN URLs for a post whose signature expired.
    let refetch: (InstagramPost) throws -> InstagramPost

    var shortcodes: [String] { posts.map(\.shortcode) }
}

extension CollectionRun {
    /// Starts a page's posts as one batch: their locks taken in one statement, the ones not stored yet handed to the
    /// staging threads, which download them while the job thread publishes the batch before (`finish`) and fetches the
    /// next page; nil for no posts.
    func begin(_ posts: [InstagramPost], refetch: @escaping (InstagramPost) throws -> InstagramPost) throws -> InFlightBatch? {
        guard !posts.isEmpty, let stager else { return nil }
        let started = ContinuousClock.now
        defer { timings.begin += .now - started }
        try DownloadLocks(db: context.connection).lock(all: posts.map(\.shortcode))
        var outcomes: [String: DownloadCoordinator.Outcome] = [:]
        var missing: [InstagramPost] = []
        for post in posts {
            if let stored = coordinator.stored(shortcode: post.shortcode, item: nil) {
                outcomes[post.shortcode] = DownloadCoordinator.Outcome(metadata: stored, fromStorage: true)
            } else {
                missing.append(post)
            }
        }
        return InFlightBatch(posts: posts, outcomes: outcomes, missing: missing,
                             ticket: missing.isEmpty ? nil : stager.submit(missing), refetch: refetch)
    }

    /// Publishes a batch once staged (two disk syncs for it, `StagedBatch`), downloads alone a post whose CDN
    /// signature expired (`refetch`), records each in the page's order together with the progress that counts them
    /// (one statement, one transaction: `JobContext.progress(_:along:)`), where a cancel or a pause lands, then
    /// releases the locks. Whatever succeeded is recorded before the first failure is thrown.
    func finish(_ batch: InFlightBatch) throws {
        var outcomes = batch.outcomes
        var failure: (any Error)?
        do {
            defer { DownloadLocks(db: context.connection).unlock(all: batch.shortcodes) } // after the rows, thrown or not
            var started = ContinuousClock.now
            let staged = batch.ticket.map { stager?.results($0) ?? [] } ?? []
            timings.staging += .now - started
            started = .now
            failure = publish(zip(batch.missing, staged), refetch: batch.refetch, into: &outcomes)
            timings.publish += .now - started
            started = .now
            let done = batch.posts.compactMap { post in outcomes[post.shortcode].map { (post, $0) } }
            let rows = DownloadStore.completeAllStatement(userID: arguments.userID, rows: done.map { ($0.1.metadata, $0.1.json) })
            for (post, outcome) in done { tally(post, outcome) }
            timings.batches += 1
            defer { timings.rows += .now - started }
            try context.progress(progress, along: rows)
        }
        if let failure { throw failure }
    }

    /// Finishes the batch in flight, if any: before a listing's failure is reported (the posts of the pages before it
    /// are done, as the message says) and before the run ends.
    func settleInFlight() throws {
        guard let batch = inFlight else { return }
        inFlight = nil
        try finish(batch)
    }

    /// Gives up the batch in flight (an error or an interruption ends the run): nothing of it is published, what was
    /// staged is removed, its locks are released.
    func abandonInFlight() {
        guard let batch = inFlight else { return }
        inFlight = nil
        if let ticket = batch.ticket { stager?.abandon(ticket) }
        DownloadLocks(db: context.connection).unlock(all: batch.shortcodes)
    }

    /// Publishes what was staged, downloads again alone the posts whose signature expired; the outcomes of those now
    /// stored, and the first failure.
    private func publish(_ results: Zip2Sequence<[InstagramPost], [Result<StagedPost, any Error>]>,
                         refetch: @escaping (InstagramPost) throws -> InstagramPost,
                         into outcomes: inout [String: DownloadCoordinator.Outcome]) -> (any Error)? {
        var failure: (any Error)?
        var staged: [StagedPost] = []
        var expired: [InstagramPost] = []
        for (post, result) in results {
            switch result {
            case .success(let files): staged.append(files)
            case .failure(let error as DownloadError) where error.code == .signatureExpired: expired.append(post)
            case .failure(let error): failure = failure ?? error
            }
        }
        do {
            try StagedBatch.publish(staged, settings: settings)
            for post in staged { outcomes[post.metadata.post.shortcode] = .init(metadata: post.metadata, fromStorage: false, json: post.json) }
        } catch {
            failure = failure ?? error
            for post in staged { // those published before the failure count
                let code = post.metadata.post.shortcode
                if let stored = coordinator.stored(shortcode: code, item: nil) { outcomes[code] = .init(metadata: stored, fromStorage: false) }
            }
        }
        for post in expired {
            do {
                let metadata = try downloader.download(fetched: post) { try refetch(post) }
                outcomes[post.shortcode] = .init(metadata: metadata, fromStorage: false)
            } catch {
                failure = failure ?? error
            }
        }
        return failure
    }
}
