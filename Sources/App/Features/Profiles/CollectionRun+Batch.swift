import DownloadEngine
import Foundation
import Instagram

/// A page's posts on their way into storage: their locks held, those stored already found, the rest handed to the
/// staging threads (`CollectionStager`), then their staging outcomes taken (`collect`) until they are published.
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
    /// The staging outcomes of `missing` once taken from the staging threads; nil before.
    var staged: [StagedResult]?

    var shortcodes: [String] { posts.map(\.shortcode) }
}

/// One post's staging outcome, with the way to fetch it again of the page it came from.
struct StagedResult {
    let post: InstagramPost
    let result: Result<StagedPost, any Error>
    let refetch: (InstagramPost) throws -> InstagramPost
}

extension CollectionRun {
    /// How long staged batches may wait to be published together. Each publish costs two `syncfs` calls, each a flush
    /// of the disk's cache and of whatever else is dirty on the filesystem, and a statement for the rows and one for
    /// the progress: a page at a time, a 1,000-post profile made 40 syncs, up to half of its run on ext4. A slow run
    /// (a page's files take longer than this) still publishes every page, so a pause or a cancel lands as soon.
    static let publishEvery: Duration = .milliseconds(300)
    /// At most this many batches are published together.
    static let maxGroup = 8

    /// Starts a page's posts as one batch: their locks taken in one statement, the ones not stored yet handed to the
    /// staging threads, which download them while the job thread publishes the batches before (`publishDue`) and
    /// fetches the next page; nil for no posts.
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

    /// Takes the staging outcomes of the batches in flight, oldest first (waiting for the staging threads), all of
    /// them or all but the newest (which the threads are on while the job thread fetches the next page), and
    /// publishes them in groups: a group once `publishEvery` has passed since the last publish, or once it holds
    /// `maxGroup` batches, or, with `all`, the last one whatever its age. Batches not published stay in flight.
    func publishDue(all: Bool) throws {
        var end = all ? inFlight.count : inFlight.count - 1
        var taken = 0 // the batches [0, taken) are collected and not published yet
        while taken < end {
            collect(&inFlight[taken])
            taken += 1
            let due = ContinuousClock.now - lastPublished >= Self.publishEvery || taken >= Self.maxGroup
            guard due || (all && taken == end) else { continue }
            let group = Array(inFlight.prefix(taken))
            inFlight.removeFirst(taken)
            end -= taken
            taken = 0
            try finish(group)
        }
    }

    /// Finishes the batches in flight, if any: before a listing's failure is reported (the posts of the pages before
    /// it are done, as the message says) and before the run ends.
    func settleInFlight() throws {
        try publishDue(all: true)
    }

    /// Gives up the batches in flight (an error or an interruption ends the run): nothing of them is published, what
    /// was staged is removed, their locks are released.
    func abandonInFlight() {
        let batches = inFlight
        inFlight = []
        for batch in batches {
            if let staged = batch.staged {
                for case .success(let post) in staged.map(\.result) { post.discard() }
            } else if let ticket = batch.ticket {
                stager?.abandon(ticket)
            }
        }
        if !batches.isEmpty { DownloadLocks(db: context.connection).unlock(all: batches.flatMap(\.shortcodes)) }
    }

    /// Waits for the batch's staging outcomes and keeps them on it.
    private func collect(_ batch: inout InFlightBatch) {
        guard batch.staged == nil else { return }
        let started = ContinuousClock.now
        let results = batch.ticket.map { stager?.results($0) ?? [] } ?? []
        batch.staged = zip(batch.missing, results).map { StagedResult(post: $0, result: $1, refetch: batch.refetch) }
        timings.staging += .now - started
    }

    /// Publishes collected batches together (two disk syncs for all of them, `StagedBatch`), downloads alone a post
    /// whose CDN signature expired (its batch's `refetch`), records each in the pages' order in one statement,
    /// releases the locks and saves the progress, which is where a cancel or a pause lands. Whatever succeeded is
    /// recorded before the first failure is thrown.
    private func finish(_ batches: [InFlightBatch]) throws {
        guard !batches.isEmpty else { return }
        var outcomes: [String: DownloadCoordinator.Outcome] = [:]
        for batch in batches { outcomes.merge(batch.outcomes) { first, _ in first } }
        var failure: (any Error)?
        do {
            defer { DownloadLocks(db: context.connection).unlock(all: batches.flatMap(\.shortcodes)) }
            var started = ContinuousClock.now
            failure = publish(batches.flatMap { $0.staged ?? [] }, into: &outcomes)
            timings.publish += .now - started
            started = .now
            let done = batches.flatMap(\.posts).compactMap { post in outcomes[post.shortcode].map { (post, $0) } }
            try downloads.completeAll(userID: arguments.userID, rows: done.map { ($0.1.metadata, $0.1.json) }) // one statement
            for (post, outcome) in done { tally(post, outcome) }
            timings.rows += .now - started
        }
        let started = ContinuousClock.now
        timings.batches += batches.count
        timings.publishes += 1
        try context.progress(progress)
        lastPublished = .now
        timings.rows += .now - started
        if let failure { throw failure }
    }

    /// Publishes what was staged, downloads again alone the posts whose signature expired; the outcomes of those now
    /// stored, and the first failure.
    private func publish(_ results: [StagedResult], into outcomes: inout [String: DownloadCoordinator.Outcome]) -> (any Error)? {
        var failure: (any Error)?
        var staged: [StagedPost] = []
        var expired: [StagedResult] = []
        for item in results {
            switch item.result {
            case .success(let files): staged.append(files)
            case .failure(let error as DownloadError) where error.code == .signatureExpired: expired.append(item)
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
        for item in expired {
            let post = item.post
            do {
                let metadata = try downloader.download(fetched: post) { try item.refetch(post) }
                outcomes[post.shortcode] = .init(metadata: metadata, fromStorage: false)
            } catch {
                failure = failure ?? error
            }
        }
        return failure
    }
}
