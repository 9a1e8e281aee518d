import Synchronization

/// A per-process cache of answers read from PostgreSQL that a `NOTIFY` on `channel` empties: the one home of the
/// caches that spare a read request its round trip (the API keys, the connected accounts' reads).
///
/// The answer stays PostgreSQL's: a migration's triggers notify `channel` on every change to the tables the cached
/// answers read, in the changing transaction (so at its commit, whoever changed them: the API, the worker, the CLI,
/// plain SQL); every responder thread's connection listens on it, and a thread reads what reached its connection
/// (`RequestContext.noticesAreCurrent`, no round trip) before it trusts an entry, emptying the cache when a notice
/// did. A reconnection empties it (notices sent meanwhile were lost). A value read while the cache was emptied is
/// not kept (`generation`: the read may predate the change), and `ttl` bounds an entry's life should a notice ever
/// be missed; zero turns the cache off.
final class NotifiedCache<Key: Hashable & Sendable, Value: Sendable>: NotifiedCaching {
    private struct Entry {
        var value: Value
        var storedAt: ContinuousClock.Instant
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        /// One more each time the cache is emptied.
        var generation: UInt64 = 0
    }

    /// The channel that announces changes to what the entries were read from.
    let channel: String
    /// How long an entry is trusted at most; zero turns the cache off.
    let ttl: Duration
    /// Entries kept at most; past it the cache is emptied.
    let capacity: Int
    private let state = Mutex(State())

    init(channel: String, ttl: Duration, capacity: Int = 10_000) {
        self.channel = channel
        self.ttl = ttl
        self.capacity = capacity
    }

    /// Whether entries are kept at all.
    var isEnabled: Bool { ttl > .zero }

    /// The value stored for `key` less than `ttl` ago.
    func value(for key: Key, now: ContinuousClock.Instant = .now) -> Value? {
        state.withLock { state in
            guard let entry = state.entries[key] else { return nil }
            guard now - entry.storedAt < ttl else {
                state.entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    /// The current generation, read before the read whose answer `store` may keep.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Keeps a value read from PostgreSQL, unless the cache was emptied since `generation` was read (the read may
    /// predate the change whose notice emptied it).
    func store(_ value: Value, for key: Key, generation: UInt64, now: ContinuousClock.Instant = .now) {
        guard isEnabled else { return }
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(value: value, storedAt: now)
        }
    }

    /// Forgets every entry (what they were read from changed somewhere).
    func removeAll() {
        state.withLock { state in
            state.entries.removeAll(keepingCapacity: true)
            state.generation &+= 1
        }
    }

    /// Entries held now (tests, metrics).
    var count: Int { state.withLock { $0.entries.count } }
}

/// What the notice reader needs of any `NotifiedCache`: its channel, whether it is on, and how to empty it.
protocol NotifiedCaching: AnyObject, Sendable {
    var channel: String { get }
    var isEnabled: Bool { get }
    func removeAll()
}
