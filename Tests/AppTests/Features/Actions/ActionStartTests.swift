import Foundation
import Instagram
import Postgres
import TestSupport
import Testing
@testable import App

/// `ActionStore.begin` (`instagram_action_begin`, migration 029), the one statement before an action's call: it
/// takes the daily unit and books the gap slot only when nothing refuses the action, and gives the unit back when
/// the slot is too far; `record(_:givingBackUnitOf:)` writes the audit row and gives the unit back in one statement.
/// Nothing is sent to Instagram here: the sessions are made up.
@Suite(.needsStack)
struct ActionStartTests {
    struct Saved {
        var userID: Int64
        var name: String
        var account: String
        var sessions: InstagramSessionStore
        var store: ActionStore { ActionStore(db: sessions.db) }

        func follow(_ target: UInt64 = 42) -> ActionRequest {
            ActionRequest(username: name, action: .follow, target: .userID(target), text: nil)
        }

        func begin(_ request: ActionRequest? = nil, limit: Int = 2, gap: Double = 0, maxWait: Double = 5) throws -> ActionStart? {
            try store.begin(request ?? follow(), userID: userID, limit: limit, gap: gap, maxWait: maxWait, sessions: sessions)
        }

        /// Follow units used in the account's window.
        func used() throws -> Int {
            try UsageLimiter(db: sessions.db).status(ActionLimits.scope(.follow), subject: ActionLimits.subject(account), window: .daily(10)).used
        }
    }

    /// A new API user with a saved session of a made-up account.
    func saved() throws -> Saved {
        let app = TestApplication(.router)
        let db = try app.context.database()
        let tag = String(Int.random(in: 100_000_000...999_999_999))
        let userID = try APIKeyStore(db: db).create(name: "action-start-\(tag)").listing.userID
        let sessions = InstagramSessionStore(db: db, box: try app.context.services.secretBox())
        let user = InstagramUser(pk: "77" + tag, username: "start.\(tag)")
        _ = try sessions.save(userID: userID, user: user, session: InstagramSession(sessionID: "sid" + tag, csrfToken: "csrf" + tag),
                              lifetime: 600)
        return Saved(userID: userID, name: user.username, account: user.pk, sessions: sessions)
    }

    @Test func aUnitIsTakenWithinTheLimitOnly() throws {
        let saved = try saved()
        #expect(try saved.begin(ActionRequest(username: "never.saved", action: .follow, target: .userID(42), text: nil)) == nil)
        let first = try #require(try saved.begin())
        #expect(first.taken == true && first.used == 1 && first.acting.instagramUserID == saved.account)
        #expect(first.acting.session.sessionID.hasPrefix("sid"), "the session's cookies come back opened")
        #expect(try saved.begin()?.taken == true)
        let refused = try #require(try saved.begin())
        #expect(refused.taken == false && refused.used == 2 && refused.status(in: .daily(2)).resetSeconds > 86_000, "\(refused)")
        #expect(try saved.used() == 2)
        try saved.store.setOwnLimit(instagramUserID: saved.account, family: .follow, limit: 3)
        let own = try #require(try saved.begin(limit: 5))
        #expect(own.taken == true && own.ownLimit == 3 && own.used == 3)
        #expect(try saved.begin(limit: 5)?.taken == false, "the account's own limit is below the operator's")
    }

    @Test func nothingIsTakenPastARefusal() throws {
        let saved = try saved()
        let own = try #require(UInt64(saved.account))
        let itself = try #require(try saved.begin(saved.follow(own)))
        #expect(itself.taken == nil)
        let until = try saved.store.block(instagramUserID: saved.account, family: .follow, seconds: 600)
        let blocked = try #require(try saved.begin())
        #expect(blocked.taken == nil && blocked.blockedUntil == until)
        try saved.sessions.db.run("DELETE FROM instagram_action_blocks WHERE instagram_user_id = \(saved.account)")
        try saved.sessions.mark(userID: saved.userID, username: saved.name, state: "challenge")
        let marked = try #require(try saved.begin())
        #expect(marked.taken == nil && marked.acting.state == "challenge")
        #expect(try saved.used() == 0)
    }

    @Test func aSlotTooFarGivesTheUnitBack() throws {
        let saved = try saved()
        let first = try #require(try saved.begin(gap: 10))
        #expect(first.taken == true && first.slotWait < 0.5 && first.pacedFor == nil, "\(first)")
        let second = try #require(try saved.begin(gap: 10))
        #expect(second.taken == false && second.used == 1, "\(second)")
        #expect((8.5...10.5).contains(second.pacedFor ?? 0), "\(second)")
        #expect(try saved.used() == 1, "the unit of the paced action was given back")
        let near = try #require(try saved.begin(gap: 1, maxWait: 20))
        #expect(near.taken == true && (8.5...10.5).contains(near.slotWait), "a slot within reach is booked and waited for: \(near)")
    }

    @Test func anAuditRowAndTheUnitGivenBackInOneStatement() throws {
        let saved = try saved()
        let start = try #require(try saved.begin())
        #expect(start.taken == true)
        #expect(try saved.used() == 1)
        let audit = ActionAudit(store: saved.store, userID: saved.userID, request: saved.follow(), acting: start.acting)
        let refused = ActionError(kind: .instagram(InstagramError(.upstreamError, "HTTP 500"), blockedUntil: nil))
        try audit.refused(refused, givingBackUnit: true)
        #expect(try saved.used() == 0)
        let rows = try saved.sessions.db.query("""
            SELECT outcome, error_code FROM instagram_actions WHERE user_id = \(saved.userID)
            """)
        let outcome = try rows.first?.decode("outcome", as: String.self)
        #expect(rows.count == 1 && outcome == "refused")
    }
}
