import Dispatch
import Instagram

/// Fetches the next list page on a thread of its own while the slot's thread stores the previous one, so an
/// analysis without pacing waits for Instagram and PostgreSQL at the same time, not one after the other.
/// One fetch at a time; the handler's client is used by one thread at a time (the slot waits in `take`
/// before it touches the client again, and `wait` before the attempt ends).
final class PagePrefetcher: @unchecked Sendable {
    // @unchecked: `client`, `pending` and `result` are handed between the slot's thread and the fetch thread
    // through `finished` (signal after the write, wait before the read); never touched by both at once.
    struct Key: Equatable {
        var list: FriendshipList
        var cursor: String?
    }

    private let client: InstagramWebClient
    private let queue = DispatchQueue(label: "instagate.analysis.prefetch")
    private let finished = DispatchSemaphore(value: 0)
    private var pending: Key?
    private var result: Result<RawFriendshipPage, InstagramError>?

    init(client: InstagramWebClient) {
        self.client = client
    }

    /// Starts fetching one page (the previous fetch must have been taken or waited for).
    func start(_ key: Key, of accountPK: String, session: InstagramSession) {
        precondition(pending == nil, "one prefetch at a time")
        pending = key
        queue.async { [self] in
            do throws(InstagramError) {
                result = .success(try client.rawFriendshipPage(key.list, of: accountPK, maxID: key.cursor, session: session))
            } catch {
                result = .failure(error)
            }
            finished.signal()
        }
    }

    /// The fetched page (or its error) if a fetch for `key` is in flight; waits for it. Nil when none is.
    func take(_ key: Key) -> Result<RawFriendshipPage, InstagramError>? {
        guard let started = pending else { return nil }
        let outcome = waitForResult()
        return started == key ? outcome : nil
    }

    /// Waits for a fetch in flight, dropping its result (the attempt is ending).
    func wait() {
        if pending != nil { _ = waitForResult() }
    }

    private func waitForResult() -> Result<RawFriendshipPage, InstagramError>? {
        finished.wait()
        pending = nil
        defer { result = nil }
        return result
    }
}
