import DownloadEngine
import Foundation

/// A batch's staged posts taken from the staging threads, checked and made durable by one filesystem sync
/// (`StagedBatch.check`, `StagedBatch.sync`) on a thread of its own, so the job thread fetches the next page meanwhile.
/// The same sync makes durable the renames of the batch moved into place before, whose rows may be recorded once it
/// returned. Started by `CollectionStager.sync`; `wait` gives the outcome (the same one to every caller).
final class CollectionBatchSync: @unchecked Sendable { // `outcome` is read and written only under `condition`
    /// What the thread found.
    struct Outcome: Sendable {
        /// Each post's staged files or its error, in the order submitted.
        let results: [Result<StagedPost, any Error>]
        /// Why the staged posts may not be published (a file missing or changed): none of them is.
        let checkFailure: DownloadError?
        /// The sync's failure: nothing staged or moved since the sync before is durable.
        let syncFailure: DownloadError?

        /// The staged posts.
        var staged: [StagedPost] { results.compactMap { try? $0.get() } }
    }

    private let condition = NSCondition()
    private var outcome: Outcome?

    /// Starts the thread: `results` waits for the batch's staged posts.
    init(settings: DownloadSettings, results: @escaping @Sendable () -> [Result<StagedPost, any Error>]) {
        let thread = Thread { [self] in
            let results = results()
            let staged = results.compactMap { try? $0.get() }
            var checkFailure: DownloadError?
            do throws(DownloadError) { try StagedBatch.check(staged) } catch { checkFailure = error }
            var syncFailure: DownloadError?
            do throws(DownloadError) { try StagedBatch.sync(settings) } catch { syncFailure = error }
            finish(Outcome(results: results, checkFailure: checkFailure, syncFailure: syncFailure))
        }
        thread.name = "collection-sync"
        thread.start()
    }

    /// Waits for the thread's outcome.
    func wait() -> Outcome {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let outcome { return outcome }
            condition.wait()
        }
    }

    private func finish(_ found: Outcome) {
        condition.lock()
        outcome = found
        condition.broadcast()
        condition.unlock()
    }
}
