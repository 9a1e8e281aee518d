import Synchronization

/// The API keys this process verified lately (the SHA-256 of a key → its user and admin flag), so a read request
/// with a known key costs no round trip to PostgreSQL before its own.
///
/// Revocation stays immediate: every change to `api_keys` or `api_users` notifies `channel` in its own transaction
/// (migration 032's triggers), every responder thread's connection listens on it, and a thread looks for what
/// arrived on its own connection (`PostgresConnection.pendingNotifications`, no round trip) before it trusts an
/// entry, emptying the cache when anything did (`KeyCacheListener`). The thread that revokes a key empties its own
/// process's cache itself; `ttl` is the backstop should a notice ever be missed. An entry stored from a lookup that
/// raced with an emptying is dropped (`generation`).
final class APIKeyCache: Sendable {
    /// The channel changes to keys and users are announced on.
    static let channel = "instagate_api_keys"
    /// Entries kept at most; past it the cache is emptied (only keys that passed a lookup are stored).
    static let capacity = 10_000

    private struct Entry {
        var user: APIUser
        var storedAt: ContinuousClock.Instant
    }

    private struct State {
        var entries: [[UInt8]: Entry] = [:]
        /// One more each time the cache is emptied.
        var generation: UInt64 = 0
    }

    /// How long an entry is trusted at most; zero turns the cache off.
    let ttl: Duration
    private let state = Mutex(State())

    init(ttl: Duration) {
        self.ttl = ttl
    }

    /// Whether entries are kept at all.
    var isEnabled: Bool { ttl > .zero }

    /// The user of the key with this digest, when stored less than `ttl` ago.
    func user(digest: [UInt8], now: ContinuousClock.Instant = .now) -> APIUser? {
        state.withLock { state in
            guard let entry = state.entries[digest] else { return nil }
            guard now - entry.storedAt < ttl else {
                state.entries[digest] = nil
                return nil
            }
            return entry.user
        }
    }

    /// The current generation, read before a lookup whose answer `store` may keep.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Keeps a looked-up user, unless the cache was emptied since `generation` was read (the lookup may predate a
    /// revocation whose notice emptied it).
    func store(_ user: APIUser, digest: [UInt8], generation: UInt64, now: ContinuousClock.Instant = .now) {
        guard isEnabled else { return }
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= Self.capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[digest] = Entry(user: user, storedAt: now)
        }
    }

    /// Forgets every entry (a key or user changed somewhere).
    func removeAll() {
        state.withLock { state in
            state.entries.removeAll(keepingCapacity: true)
            state.generation &+= 1
        }
    }

    /// Entries held now (tests, metrics).
    var count: Int { state.withLock { $0.entries.count } }
}
