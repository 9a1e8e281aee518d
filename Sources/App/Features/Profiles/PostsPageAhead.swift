import Foundation
import Instagram
import Logging

/// Asks a profile's next page of posts on a thread of its own, so the job thread publishes the batch before (two disk
/// syncs and a statement) while the page is on its way instead of before asking it: one page ahead at most, one
/// request per page as before. The thread keeps its own client (its own curl handle and connection) and touches no
/// database, so it is used only for pages that go out unpaced (no session, or `INSTAGATE_SESSION_PACING` 0): a paced
/// session's pages wait for their slots in the database anyway. What the answer means (a login wall, a rename) is
/// decided on the job thread when the page is taken, as for a page it asks itself.
final class PostsPageAhead: @unchecked Sendable { // every stored var is read and changed only under `condition`
    /// What a page was asked with: a page is taken only by the run asking the same.
    struct Key: Equatable {
        let username: String
        let cursor: String
        let session: InstagramSession?
    }

    /// Whether a page asked with `session` goes out unpaced (`pacing`: `INSTAGATE_SESSION_PACING`), so it may be
    /// asked here.
    static func mayAsk(with session: InstagramSession?, pacing: Double) -> Bool {
        session == nil || pacing == 0
    }

    private let condition = NSCondition()
    private var asked: Key?
    private var sent = false
    /// The answer to `asked` once it came.
    private var answer: Result<ProfileFeedPage, InstagramError>?
    private var closed = false
    private var running = false

    /// Starts the thread, with a client of its own from `clients` (no pacer).
    init(clients: InstagramClients, logger: Logger) {
        running = true
        let thread = Thread { [self] in
            let client = clients.api(logger: logger, pacer: nil)
            while let key = nextAsked() {
                let result = Result { () throws(InstagramError) -> ProfileFeedPage in
                    try client.profilePostsPage(username: key.username, after: key.cursor, session: key.session)
                }
                answered(key, result)
            }
        }
        thread.name = "collection-page"
        thread.start()
    }

    deinit {
        close()
    }

    /// Asks the page after `cursor` now; returns at once. An answer not taken before is dropped.
    func ask(_ key: Key) {
        condition.lock()
        defer { condition.unlock() }
        asked = key
        sent = false
        answer = nil
        condition.broadcast()
    }

    /// The answer to `key`, once it came; nil when that page was not asked here (the caller asks it itself).
    func take(_ key: Key) -> Result<ProfileFeedPage, InstagramError>? {
        condition.lock()
        defer { condition.unlock() }
        guard asked == key else { return nil }
        while answer == nil, !closed { condition.wait() }
        guard let answer else { return nil }
        self.answer = nil
        asked = nil
        return answer
    }

    /// Ends the thread once a request it has sent is answered, and waits for that.
    func close() {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while running { condition.wait() }
    }

    private func nextAsked() -> Key? {
        condition.lock()
        defer { condition.unlock() }
        while !closed, asked == nil || sent { condition.wait() }
        guard !closed, let asked else {
            running = false
            condition.broadcast()
            return nil
        }
        sent = true
        return asked
    }

    private func answered(_ key: Key, _ result: Result<ProfileFeedPage, InstagramError>) {
        condition.lock()
        defer { condition.unlock() }
        if asked == key { answer = result } // else asked again meanwhile: dropped
        condition.broadcast()
    }
}
