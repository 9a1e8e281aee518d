import DownloadEngine
import Foundation
import Instagram

extension CollectionRun {
    /// A page's posts into storage and the user's downloads together: their locks taken in one statement, the
    /// ones not stored yet staged on `CollectionStager`'s threads and published with two disk syncs for the batch
    /// (`StagedBatch`), a post whose CDN signature expired fetched again (`refetch`) and downloaded alone, then each
    /// recorded in the page's order in one statement. Progress is saved once per batch, which is where a cancel lands. Whatever
    /// succeeded is recorded before the first failure is thrown.
    func saveBatch(_ posts: [InstagramPost], refetch: @escaping (InstagramPost) throws -> InstagramPost) throws {
        guard !posts.isEmpty else { return }
        var failure: (any Error)?
        try coordinator.withLocks(posts.map(\.shortcode)) {
            var outcomes: [String: DownloadCoordinator.Outcome] = [:]
            var missing: [InstagramPost] = []
            for post in posts {
                if let stored = coordinator.stored(shortcode: post.shortcode, item: nil) {
                    outcomes[post.shortcode] = DownloadCoordinator.Outcome(metadata: stored, fromStorage: true)
                } else {
                    missing.append(post)
                }
            }
            failure = stageAndPublish(missing, refetch: refetch, into: &outcomes)
            let done = posts.compactMap { post in outcomes[post.shortcode].map { (post, $0) } }
            try downloads.completeAll(userID: arguments.userID, metadata: done.map(\.1.metadata)) // one statement for the batch
            for (post, outcome) in done { tally(post, outcome) }
        }
        try context.progress(progress)
        if let failure { throw failure }
    }

    /// Stages `posts`, publishes what was staged, downloads again alone those whose signature expired; the
    /// outcomes of those now stored, and the first failure.
    private func stageAndPublish(_ posts: [InstagramPost], refetch: @escaping (InstagramPost) throws -> InstagramPost,
                                 into outcomes: inout [String: DownloadCoordinator.Outcome]) -> (any Error)? {
        var failure: (any Error)?
        var staged: [StagedPost] = []
        var expired: [InstagramPost] = []
        let stager = CollectionStager(settings: settings, clients: services.instagram, logger: context.logger)
        for (post, result) in zip(posts, stager.stage(posts)) {
            switch result {
            case .success(let files): staged.append(files)
            case .failure(let error as DownloadError) where error.code == .signatureExpired: expired.append(post)
            case .failure(let error): failure = failure ?? error
            }
        }
        do {
            try StagedBatch.publish(staged, settings: settings)
            for post in staged { outcomes[post.metadata.post.shortcode] = .init(metadata: post.metadata, fromStorage: false) }
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
