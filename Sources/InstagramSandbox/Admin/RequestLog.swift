import Synchronization

/// The last requests the sandbox answered, for tests that assert what a client sent.
public final class RequestLog: Sendable {
    /// One answered request.
    public struct Entry: Sendable {
        public var sequence: Int
        public var time: Double
        public var requestID: String
        public var method: String
        public var host: String
        public var path: String
        public var query: String
        public var family: String
        public var viewer: String?
        public var status: Int
        public var outcome: String
        public var faults: [String]
        public var durationMs: Double
        /// The `User-Agent` the client sent (Instagram ties a session to its device).
        public var userAgent: String? = nil
        /// The request's `Range` header, when it had one (the CDN's resumed transfers).
        public var range: String? = nil
        /// A GraphQL query's subject: its variables' `username`, else `shortcode`, else `id` (which profile's page,
        /// which post: the body is not in the log).
        public var subject: String? = nil

        var json: JSON {
            ["seq": .number(sequence), "time": .double(time), "request_id": .string(requestID), "method": .string(method),
             "host": .string(host), "path": .string(path), "query": .string(query), "family": .string(family),
             "viewer": .optional(viewer), "status": .number(status), "outcome": .string(outcome),
             "faults": .array(faults.map { .string($0) }), "duration_ms": .double((durationMs * 100).rounded() / 100),
             "user_agent": .optional(userAgent),
             "range": .optional(range), "subject": .optional(subject)]
        }
    }

    /// A ring: `entries` grows to `capacity`, then `start` marks the oldest.
    struct State {
        var entries: [Entry] = []
        var start = 0
        var next = 1

        var ordered: [Entry] { Array(entries[start...] + entries[..<start]) }
    }

    private let capacity: Int
    private let state = Mutex(State())

    public init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// Appends an entry (its sequence number is assigned here).
    public func record(_ entry: Entry) {
        state.withLock { state in
            var entry = entry
            entry.sequence = state.next
            state.next += 1
            if state.entries.count < capacity {
                state.entries.append(entry)
            } else {
                state.entries[state.start] = entry
                state.start = (state.start + 1) % capacity
            }
        }
    }

    /// Entries after a sequence number, optionally only paths with a prefix, at most `limit` (newest kept).
    public func entries(after: Int = 0, pathPrefix: String? = nil, limit: Int = 1000) -> [Entry] {
        let all = state.withLock { $0.ordered }
        let chosen = all.filter { $0.sequence > after && (pathPrefix.map($0.path.hasPrefix) ?? true) }
        return Array(chosen.suffix(max(0, limit)))
    }

    public func clear() {
        state.withLock { state in
            state.entries.removeAll()
            state.start = 0
        }
    }
}
