import Synchronization
import Web

/// The responder's bulkhead against slow upstreams: at most `capacity` threads wait on Instagram or Meta at
/// once, across the process. A request that finds no slot is not queued (it would hold its thread all the
/// same): it is answered at once, 202 with a job where the endpoint has one, else 503 `UPSTREAM_BUSY`.
public final class UpstreamBulkhead: Sendable {
    /// Threads that may wait on an upstream at once.
    public let capacity: Int
    private let inUse = Mutex(0)

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Runs `body` in a slot; throws `UpstreamBusy` at once when every slot is taken.
    public func withSlot<T>(_ body: () throws -> T) throws -> T {
        let taken = inUse.withLock { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard taken else { throw UpstreamBusy() }
        defer { inUse.withLock { $0 -= 1 } }
        return try body()
    }
}

/// Every slot of the bulkhead is taken: 503 with `Retry-After`, nothing done.
public struct UpstreamBusy: HTTPResponseError {
    public var responseStatus: HTTPStatus { .serviceUnavailable }
    public var errorCode: String { "UPSTREAM_BUSY" }
    public var errorMessage: String { "Too many requests are waiting on Instagram right now; try again in a few seconds." }
    public var responseHeaders: [(String, String)] { [("Retry-After", "2")] }
}
