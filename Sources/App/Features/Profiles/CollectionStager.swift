import DownloadEngine
import Foundation
import Instagram
import Logging

/// Downloads a collection's posts into their partial directories (`PostDownloader.stage`) on a few threads that live
/// as long as the run: each thread keeps its own curl handle, so its connection to the CDN stays open from one batch
/// to the next, and the CDN round trips of a batch (one `GET` per file: a staged file's size is the `GET`'s own
/// `Content-Length`) overlap instead of adding up. A batch is handed over (`submit`) and its results taken later
/// (`results`), so the caller publishes one batch (`StagedBatch`) while these threads download the next. The caller
/// holds the posts' locks; nothing here touches the database or the API's session pacing.
final class CollectionStager {
    /// A submitted batch.
    struct Ticket {
        fileprivate let id: Int
        /// How many posts it holds.
        let count: Int
    }

    /// Threads per run: enough to hide the CDN's latency, few enough not to look like a flood to it.
    static let threads = 6

    private let settings: DownloadSettings
    private let clients: InstagramClients
    private let logger: Logger
    private let work = StagingQueue()
    private var started = 0
    private var nextID = 0

    init(settings: DownloadSettings, clients: InstagramClients, logger: Logger) {
        self.settings = settings
        self.clients = clients
        self.logger = logger
    }

    deinit {
        close()
    }

    /// Queues `posts` behind any batch submitted before; returns at once.
    func submit(_ posts: [InstagramPost]) -> Ticket {
        nextID += 1
        work.add(batch: nextID, posts)
        while started < min(Self.threads, posts.count) { startThread() }
        return Ticket(id: nextID, count: posts.count)
    }

    /// Waits for the batch; each post's staged files or its error, in the order submitted.
    func results(_ ticket: Ticket) -> [Result<StagedPost, any Error>] {
        work.results(batch: ticket.id)
    }

    /// Gives the batch up: its posts not started yet are not, those being staged are waited for, and whatever was
    /// staged is removed again (nothing of it was published; the caller still holds the posts' locks).
    func abandon(_ ticket: Ticket) {
        for case .success(let post) in work.results(batch: ticket.id, droppingQueued: true) {
            post.discard()
        }
    }

    /// Lets the threads end once the queue is empty and waits for them (every batch was taken or abandoned before).
    func close() {
        work.close()
    }

    private func startThread() {
        started += 1
        work.threadStarted()
        let thread = Thread { [settings, clients, logger, work] in
            let downloader = PostDownloader(settings: settings, instagram: clients.api(logger: logger, pacer: nil),
                                            cdn: clients.files(), logger: logger)
            while let item = work.next() {
                work.finish(item, Result { try downloader.stage(fetched: item.post) })
            }
            work.threadEnded()
        }
        thread.name = "collection-stage"
        thread.start()
    }
}

/// The posts of the submitted batches in order, handed out one at a time, and their results by batch.
private final class StagingQueue: @unchecked Sendable { // every stored property is read and changed only under `condition`
    struct Item {
        let batch: Int
        let index: Int
        let post: InstagramPost
    }

    private let condition = NSCondition()
    private var queue: [Item] = []
    private var outcomes: [Int: [Result<StagedPost, any Error>?]] = [:]
    private var left: [Int: Int] = [:]
    private var running = 0
    private var closed = false

    func add(batch: Int, _ posts: [InstagramPost]) {
        condition.lock()
        defer { condition.unlock() }
        queue += posts.enumerated().map { Item(batch: batch, index: $0.offset, post: $0.element) }
        outcomes[batch] = Array(repeating: nil, count: posts.count)
        left[batch] = posts.count
        condition.broadcast()
    }

    /// The next post to stage; nil once closed and empty.
    func next() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty, !closed { condition.wait() }
        return queue.isEmpty ? nil : queue.removeFirst()
    }

    func finish(_ item: Item, _ outcome: Result<StagedPost, any Error>) {
        condition.lock()
        defer { condition.unlock() }
        outcomes[item.batch]?[item.index] = outcome
        left[item.batch, default: 1] -= 1
        condition.broadcast()
    }

    /// Waits until every post of the batch has its outcome (those still queued dropped first when `droppingQueued`),
    /// then takes them.
    func results(batch: Int, droppingQueued: Bool = false) -> [Result<StagedPost, any Error>] {
        condition.lock()
        defer { condition.unlock() }
        if droppingQueued {
            let dropped = queue.filter { $0.batch == batch }
            queue.removeAll { $0.batch == batch }
            for item in dropped { outcomes[batch]?[item.index] = .failure(CancellationError()) }
            left[batch, default: 0] -= dropped.count
        }
        while left[batch, default: 0] > 0 { condition.wait() }
        let taken = outcomes.removeValue(forKey: batch) ?? []
        left[batch] = nil
        return taken.map { $0 ?? .failure(DownloadError(.storage, "the post was not staged")) }
    }

    func threadStarted() {
        condition.lock()
        running += 1
        condition.unlock()
    }

    func threadEnded() {
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// No more batches: the threads end once the queue is empty; waits for them.
    func close() {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
    }
}
