import Synchronization

/// Metrics the sandbox refuses for media on demand (`POST /__sandbox/graph/insights {"refuse": ["shares"]}`), as Meta
/// has refused `shares` on IMAGE posts despite its own table (graph-api.md §5.1, OBS): the whole call fails with
/// `(#100) The metric shares is not supported for this media type`.
public final class GraphInsightRefusals: Sendable {
    private let refused = Mutex<Set<String>>([])

    public init() {}

    public var metrics: Set<String> { refused.withLock { $0 } }

    public func set(_ metrics: Set<String>) { refused.withLock { $0 = metrics } }
}
