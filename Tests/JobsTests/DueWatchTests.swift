import Foundation
import Testing
@testable import Jobs

/// A job falling due wakes one idle slot of a worker, not all of them (`DueWatch`): the first idle slot waits for the
/// earliest due time reported, the slot it wakes takes it, and the next idle slot takes over when the first gets busy.
struct DueWatchTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func onlyTheFirstIdleSlotWaitsForTheEarliestDueTime() {
        let watch = DueWatch()
        for slot in [2, 0, 1] { watch.setIdle(slot, true) }
        watch.report(now.addingTimeInterval(5))
        watch.report(now.addingTimeInterval(2))
        watch.report(now.addingTimeInterval(9))
        #expect(watch.dueTime(for: 0) == now.addingTimeInterval(2))
        #expect(watch.dueTime(for: 1) == nil && watch.dueTime(for: 2) == nil, "the others wait for their poll or a notification")
        // Slot 0 gets busy (a notification brought it a job): slot 1 watches the same time.
        watch.setIdle(0, false)
        #expect(watch.dueTime(for: 1) == now.addingTimeInterval(2))
    }

    @Test func theSlotWokenByTheDueTimeTakesIt() {
        let watch = DueWatch()
        for slot in 0..<3 { watch.setIdle(slot, true) }
        watch.report(now.addingTimeInterval(2))
        // Not due yet: nothing is taken.
        watch.take(at: now)
        #expect(watch.dueTime(for: 0) == now.addingTimeInterval(2))
        // Slot 0 wakes at the time and takes it: slot 1, first once slot 0 claims, does not wake for it too.
        watch.take(at: now.addingTimeInterval(2))
        watch.setIdle(0, false)
        #expect(watch.dueTime(for: 1) == nil)
        // Its claim reports the next one.
        watch.report(now.addingTimeInterval(7))
        #expect(watch.dueTime(for: 1) == now.addingTimeInterval(7))
    }
}
