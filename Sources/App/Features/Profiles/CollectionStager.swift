import DownloadEngine
import Foundation
import Instagram
import Logging

/// Downloads a batch of a collection's posts into their partial directories on a few threads at once
/// (`PostDownloader.stage`, each thread with its own curl handles), so that the CDN round trips of the batch (one
/// `GET` per file: a staged file's size is the `GET`'s own `Content-Length`) overlap instead of adding up. The caller holds the posts' locks and publishes
/// what was staged (`StagedBatch`); nothing here touches the database or the API's session pacing.
struct CollectionStager {
    let settings: DownloadSettings
    let clients: InstagramClients
    let logger: Logger

    /// Threads per batch: enough to hide the CDN's latency, few enough not to look like a flood to it.
    static let threads = 6

    /// Each post's staged files or its error, in the order of `posts`.
    func stage(_ posts: [InstagramPost]) -> [Result<StagedPost, any Error>] {
        let work = StagingWork(posts)
        let count = min(Self.threads, posts.count)
        for _ in 0..<count {
            let thread = Thread { [settings, clients, logger] in
                let downloader = PostDownloader(settings: settings, instagram: clients.api(logger: logger, pacer: nil),
                                                cdn: clients.files(), logger: logger)
                while let (index, post) = work.next() {
                    work.finish(index, Result { try downloader.stage(fetched: post) })
                }
                work.threadEnded()
            }
            thread.name = "collection-stage"
            thread.start()
        }
        return work.results(afterThreads: count)
    }
}

/// A batch's posts handed out one at a time, and their results.
private final class StagingWork: @unchecked Sendable { // every stored property is read and changed only under `condition`
    private let condition = NSCondition()
    private let posts: [InstagramPost]
    private var handedOut = 0
    private var ended = 0
    private var outcomes: [Result<StagedPost, any Error>?]

    init(_ posts: [InstagramPost]) {
        self.posts = posts
        outcomes = Array(repeating: nil, count: posts.count)
    }

    /// The next post to stage and its index; nil when all are handed out.
    func next() -> (Int, InstagramPost)? {
        condition.lock()
        defer { condition.unlock() }
        guard handedOut < posts.count else { return nil }
        handedOut += 1
        return (handedOut - 1, posts[handedOut - 1])
    }

    func finish(_ index: Int, _ outcome: Result<StagedPost, any Error>) {
        condition.lock()
        outcomes[index] = outcome
        condition.unlock()
    }

    func threadEnded() {
        condition.lock()
        ended += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until `threads` threads ended, then every post's outcome.
    func results(afterThreads threads: Int) -> [Result<StagedPost, any Error>] {
        condition.lock()
        defer { condition.unlock() }
        while ended < threads { condition.wait() }
        return outcomes.map { $0 ?? .failure(DownloadError(.storage, "the post was not staged")) }
    }
}
