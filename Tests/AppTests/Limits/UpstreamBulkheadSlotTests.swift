import Foundation
import Synchronization
import Testing
@testable import App

/// The bulkhead's slots: taken at once or refused at once, except for the bounded wait account actions use,
/// which takes the slot as soon as it is given back.
struct UpstreamBulkheadSlotTests {
    /// Holds the bulkhead's only slot on another thread until `release` is signalled; returns once it holds it.
    func holdOnlySlot(_ bulkhead: UpstreamBulkhead, release: DispatchSemaphore, done: DispatchSemaphore) {
        let holding = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? bulkhead.withSlot { holding.signal(); release.wait() }
            done.signal()
        }
        holding.wait()
    }

    @Test func aFullBulkheadRefusesAtOnceWithoutAWait() throws {
        let bulkhead = UpstreamBulkhead(capacity: 1)
        let release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        holdOnlySlot(bulkhead, release: release, done: done)
        #expect(throws: UpstreamBusy.self) { try bulkhead.withSlot { 1 } }
        #expect(throws: UpstreamBusy.self) { try bulkhead.withSlot(waitingUpTo: 0.05) { 1 } }
        release.signal()
        done.wait()
        #expect(try bulkhead.withSlot { 2 } == 2, "the slot was given back")
    }

    @Test func aWaiterGetsTheSlotTheMomentItIsGivenBack() throws {
        let bulkhead = UpstreamBulkhead(capacity: 1)
        let release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        holdOnlySlot(bulkhead, release: release, done: done)
        let released = Mutex<Date?>(nil)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.2)
            released.withLock { $0 = Date() }
            release.signal()
        }
        let ran = try bulkhead.withSlot(waitingUpTo: 10) { Date() }
        done.wait()
        let givenBack = try #require(released.withLock { $0 })
        #expect(ran >= givenBack, "the waiter ran only after the holder gave the slot back")
        // Woken by the release, not by the end of its 10 s wait.
        #expect(ran.timeIntervalSince(givenBack) < 5, "\(ran.timeIntervalSince(givenBack)) s after the release")
    }
}
