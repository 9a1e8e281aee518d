import Synchronization

/// Serialized renderings of posts, keyed by everything they depend on (post, viewer's like, link style,
/// CDN-expiry hour, world version), so repeated reads of a post cost a dictionary lookup.
public final class RenderCache: Sendable {
    private let entries = Mutex<[String: [UInt8]]>([:])
    private let capacity: Int

    public init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// The cached bytes for a key, or the rendering (stored for next time).
    func value(_ key: String, render: () -> JSON) -> JSON {
        if let bytes = entries.withLock({ $0[key] }) { return .raw(bytes) }
        let bytes = render().bytes
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = bytes
        }
        return .raw(bytes)
    }
}
