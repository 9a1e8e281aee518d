import DownloadEngine
import Foundation
import Instagram

/// A page's posts on their way into storage: their locks held, those stored already found, the rest handed to the
/// staging threads (`CollectionStager`), then checked and synced on a thread of their own (`sync`).
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
    /// The check and sync of its staged files, once started (`CollectionRun.startSync`).
    var sync: CollectionBatchSync?

    var shortcodes: [String] { posts.map(\.shortcode) }
}

/// A batch moved into place whose renames are not durable yet: its rows are recorded after the next sync (the next
/// batch's, or one of its own at the end), its locks held until then.
struct MovedBatch {
    /// The page's chosen posts, in its order.
    let posts: [InstagramPost]
    /// The posts now stored (moved, downloaded alone, or found in storage).
    let outcomes: [String: DownloadCoordinator.Outcome]
    /// The batch's first failure, thrown once the rest is recorded.
    let failure: (any Error)?

    var shortcodes: [String] { posts.map(\.shortcode) }
}

extension CollectionRun {
    /// Starts a page's posts as one batch: their locks taken in one statement, the ones not stored yet handed to the
    /// staging threads, which download them while the job thread publishes the batch before (`advance`) and fetches
    /// the next page; nil for no posts.
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

    /// Starts the check and the one filesystem sync of the oldest batch in flight on a thread of its own
    /// (`CollectionBatchSync`), unless started already or not needed (nothing staged, nothing moved waiting): it runs
    /// while the job thread fetches the next page.
    func startSync() {
        guard let batch = inFlight.first, batch.sync == nil, batch.ticket != nil || moved != nil else { return }
        if let ticket = batch.ticket, let stager {
            inFlight[0].sync = stager.sync(ticket)
        } else {
            inFlight[0].sync = CollectionBatchSync(settings: settings) { [] }
        }
    }

    /// Publishes the oldest batch in flight, one sync behind: waits for its files' check and sync, which made the
    /// renames of the batch moved before durable too; records that batch (`record`: where a cancel or a pause lands),
    /// then moves this one into place (`move`), its rows waiting for the next sync. A batch that failed is recorded at
    /// once, after one more sync, and its failure thrown.
    func advance() throws {
        guard inFlight.first != nil else { return }
        startSync()
        let started = ContinuousClock.now
        let synced = inFlight[0].sync?.wait()
        timings.staging += .now - started
        if let failure = synced?.syncFailure { throw failure }
        if let done = moved {
            moved = nil
            try record(done)
        }
        let batch = inFlight.removeFirst()
        let next = move(batch, synced)
        moved = next
        if next.failure != nil { try settleMoved() }
    }

    /// Publishes every batch in flight and records them: before a listing's failure is reported (the posts of the
    /// pages before it are done, as the message says), before the run ends, and when the login wall is met.
    func settleInFlight() throws {
        while !inFlight.isEmpty { try advance() }
        try settleMoved()
    }

    /// Records the batch moved last after one more sync.
    func settleMoved() throws {
        guard let batch = moved else { return }
        let started = ContinuousClock.now
        try StagedBatch.sync(settings)
        timings.publish += .now - started
        moved = nil
        try record(batch)
    }

    /// Gives up the batches in flight (an error or an interruption ends the run): nothing of them is published, what
    /// was staged is removed, their locks are released. A batch moved into place already is recorded when a sync
    /// succeeds (its files are visible), its locks released either way.
    func abandonInFlight() {
        let locks = DownloadLocks(db: context.connection)
        for batch in inFlight {
            if let sync = batch.sync {
                if let ticket = batch.ticket { stager?.drop(ticket) } // its posts not started yet are not
                for post in sync.wait().staged { post.discard() }
            } else if let ticket = batch.ticket {
                stager?.abandon(ticket)
            }
            locks.unlock(all: batch.shortcodes)
        }
        inFlight = []
        guard let batch = moved else { return }
        moved = nil
        if (try? StagedBatch.sync(settings)) != nil { try? recordRows(batch) }
        locks.unlock(all: batch.shortcodes)
    }

    /// Records a batch whose renames a sync made durable: its rows in one statement, its locks released, the
    /// result's items and the progress saved (where a cancel or a pause lands); its failure thrown after.
    private func record(_ batch: MovedBatch) throws {
        let started = ContinuousClock.now
        do {
            defer { DownloadLocks(db: context.connection).unlock(all: batch.shortcodes) }
            try recordRows(batch)
        }
        timings.batches += 1
        try context.progress(progress)
        timings.rows += .now - started
        if let failure = batch.failure { throw failure }
    }

    /// The batch's rows, in the page's order in one statement, and its items and counters.
    private func recordRows(_ batch: MovedBatch) throws {
        let done = batch.posts.compactMap { post in batch.outcomes[post.shortcode].map { (post, $0) } }
        try downloads.completeAll(userID: arguments.userID, rows: done.map { ($0.1.metadata, $0.1.json) })
        for (post, outcome) in done { tally(post, outcome) }
    }

    /// Moves what was staged, checked and synced into place (none of it when the check failed), downloads alone the
    /// posts whose signature expired; the batch with the outcomes of those now stored and its first failure.
    private func move(_ batch: InFlightBatch, _ synced: CollectionBatchSync.Outcome?) -> MovedBatch {
        let started = ContinuousClock.now
        defer { timings.publish += .now - started }
        var outcomes = batch.outcomes
        var failure: (any Error)?
        var staged: [StagedPost] = []
        var expired: [InstagramPost] = []
        for (post, result) in zip(batch.missing, synced?.results ?? []) {
            switch result {
            case .success(let files): staged.append(files)
            case .failure(let error as DownloadError) where error.code == .signatureExpired: expired.append(post)
            case .failure(let error): failure = failure ?? error
            }
        }
        if let checkFailure = synced?.checkFailure {
            failure = failure ?? checkFailure
        } else {
            do throws(DownloadError) {
                try StagedBatch.move(staged, settings: settings)
                for post in staged { outcomes[post.metadata.post.shortcode] = .init(metadata: post.metadata, fromStorage: false, json: post.json) }
            } catch {
                failure = failure ?? error
                for post in staged { // those moved before the failure count
                    let code = post.metadata.post.shortcode
                    if let stored = coordinator.stored(shortcode: code, item: nil) { outcomes[code] = .init(metadata: stored, fromStorage: false) }
                }
            }
        }
        for post in expired {
            do {
                let metadata = try downloader.download(fetched: post) { try batch.refetch(post) }
                outcomes[post.shortcode] = .init(metadata: metadata, fromStorage: false)
            } catch {
                failure = failure ?? error
            }
        }
        return MovedBatch(posts: batch.posts, outcomes: outcomes, failure: failure)
    }
}
