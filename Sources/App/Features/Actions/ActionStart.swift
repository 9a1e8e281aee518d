import Foundation

/// What `ActionStore.begin` found and took for one action, in its one round trip: the session, Instagram's block
/// in force, the account's own limit, the daily unit and the gap slot.
struct ActionStart {
    var acting: InstagramSessionStore.ActingSession
    /// Until when Instagram's block of the action's family holds (nil: none).
    var blockedUntil: Date?
    /// The account's own daily limit for the family (nil: the operator's).
    var ownLimit: Int?
    /// Whether the unit was taken; nil when nothing was tried (a marked session, the account as its own target, a block).
    var taken: Bool?
    /// Units used in the window after taking one (refused: as it stands).
    var used: Int
    /// The oldest use in the window.
    var oldest: Date?
    /// The database's time of the statement.
    var now: Date
    /// Seconds to sleep before sending (the booked gap slot).
    var slotWait: Double
    /// Seconds until the account's next free slot when it was too far to wait for (the unit was given back).
    var pacedFor: Double?

    /// Where the account stands in `window` (after the unit taken, or as it stood when refused).
    func status(in window: RollingWindow) -> QuotaStatus {
        window.status(used: used, oldest: oldest, now: now)
    }
}
