import Foundation

/// An action's wait for a bulkhead slot: a short bounded one (an action whose daily unit is already taken is
/// worth two seconds of a thread more than a 503 the client must retry), then `UpstreamBusy` as everywhere.
enum ActionBulkhead {
    static func withSlot<T>(_ bulkhead: UpstreamBulkhead, waiting seconds: Double, _ body: () throws -> T) throws -> T {
        let end = Date().addingTimeInterval(seconds)
        while true {
            do {
                return try bulkhead.withSlot(body)
            } catch is UpstreamBusy where Date() < end {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }
}
