import Foundation
import Web

/// The responder's bulkhead against slow upstreams: at most `capacity` threads wait on Instagram or Meta at
/// once, across the process. A request that finds no slot is not queued (it would hold its thread all the
/// same): it is answered at once, 202 with a job where the endpoint has one, else 503 `UPSTREAM_BUSY`.
public final class UpstreamBulkhead: @unchecked Sendable {
    /// Threads that may wait on an upstream at once.
    public let capacity: Int
    /// Guards `inUse`; signalled when a slot is given back (for `withSlot(waitingUpTo:)`).
    private let condition = NSCondition()
    private var inUse = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Runs `body` in a slot; throws `UpstreamBusy` at once when every slot is taken.
    public func withSlot<T>(_ body: () throws -> T) throws -> T {
        try withSlot(waitingUpTo: 0, body)
    }

    /// Runs `body` in a slot, waiting up to `seconds` for one (woken the moment a slot is given back, not by
    /// polling); throws `UpstreamBusy` when none came free in time. Only account actions wait (README, "Limits").
    public func withSlot<T>(waitingUpTo seconds: Double, _ body: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        while inUse >= capacity {
            guard seconds > 0, condition.wait(until: deadline) || inUse < capacity else {
                condition.unlock()
                throw UpstreamBusy()
            }
        }
        inUse += 1
        condition.unlock()
        defer {
            condition.lock()
            inUse -= 1
            condition.signal()
            condition.unlock()
        }
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
