/// An action's wait for a bulkhead slot: a short bounded one (an action whose daily unit is already taken is
/// worth two seconds of a thread more than a 503 the client must retry), then `UpstreamBusy` as everywhere.
/// The wait wakes the moment a slot is given back (it polled every 50 ms before, a tick most actions paid
/// when the slots were taken).
enum ActionBulkhead {
    static func withSlot<T>(_ bulkhead: UpstreamBulkhead, waiting seconds: Double, _ body: () throws -> T) throws -> T {
        try bulkhead.withSlot(waitingUpTo: seconds, body)
    }
}
