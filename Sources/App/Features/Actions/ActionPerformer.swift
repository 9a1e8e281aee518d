import Foundation
import Instagram
import Observability
import Web

/// One account action from request to answer, in two round trips to PostgreSQL around the call to Instagram.
/// The first (`ActionStore.begin`) loads the session and, unless it refuses without Instagram (a marked session,
/// following oneself, a block in force, the daily limit, a gap slot too far), takes the daily unit and books the
/// account's gap slot. A like then asks Instagram whether the post is liked already (`has_liked`), a follow what the
/// friendship is (`following`, or `outgoing_request`: a request to a private account still awaiting approval, which
/// a second follow would only repeat); the action is sent once over the thread's kept connection after the slot's
/// wait. The second writes the audit row, giving the unit back in the same statement when Instagram did not accept.
/// A follow Instagram answers with `previous_following` was in place already. All are `ALREADY_DONE` from
/// Instagram's own state, never instagate's log (the account may have acted elsewhere). A unit stays used only when
/// Instagram accepted a change; every outcome with a known account is in the audit log. No transaction is held open
/// across the call.
struct ActionPerformer {
    let context: UserContext
    let request: ActionRequest

    var settings: ActionSettings { context.configuration.actions }

    /// What the answer's `data` holds.
    struct Done: Encodable {
        var action: String
        var username: String
        var target: String
        /// `following`, `requested`, `unfollowed`, `liked`, `unliked`, `commented`.
        var result: String
        var commentID: String?
        var limits: LimitView

        enum CodingKeys: String, CodingKey {
            case action, username, target, result, limits
            case commentID = "comment_id"
        }
    }

    func perform() throws -> HTTPResponse {
        let db = try context.database()
        let sessions = try InstagramSessionStore(db: db, box: context.services.secretBox())
        let store = ActionStore(db: db)
        let limits = ActionLimits(db: db, settings: settings)
        guard let start = try store.begin(request, userID: context.user.id, limit: limits.globalLimit(request.action),
                                          gap: gap(), maxWait: maxWait, sessions: sessions) else {
            throw ActionError(kind: .sessionNotFound(request.username))
        }
        let acting = start.acting
        let audit = ActionAudit(store: store, userID: context.user.id, request: request, acting: acting)
        do {
            try Self.check(request, acting: acting, blockedUntil: start.blockedUntil)
        } catch let error as ActionError {
            try audit.rejected(error)
            throw EditedHTTPError(error, adding: ActionLimits.headers(try limits.status(request.action, account: acting.instagramUserID)))
        }
        let status = start.status(in: limits.window(request.action, own: start.ownLimit))
        guard start.taken == true else {
            let kind: ActionError.Kind = if let seconds = start.pacedFor {
                .paced(seconds: max(1, Int((seconds - maxWait).rounded(.up))))
            } else {
                .limitExceeded(request.action, status)
            }
            let error = ActionError(kind: kind)
            try audit.rejected(error)
            throw EditedHTTPError(error, adding: ActionLimits.headers(status))
        }
        let receipt: InstagramActionReceipt
        do {
            let target = try checkNotInPlace(acting, store: store, sessions: sessions)
            if start.slotWait > 0 { Thread.sleep(forTimeInterval: start.slotWait) }
            receipt = try send(acting, target: target, db: store, sessions: sessions)
        } catch {
            throw EditedHTTPError(error, adding: ActionLimits.headers(giveBack(after: error, audit: audit, limits: limits, status: status)))
        }
        audit.accepted() // the unit stays used even if the log cannot be written: Instagram did it
        var response = HTTPResponse.json(Answer(data: done(receipt, status: status)))
        for (name, value) in ActionLimits.headers(status) { response.headers[name] = value }
        return response
    }

    /// The account's gap before this action (`INSTAGATE_ACTION_GAP` plus jitter; 0: no pacing).
    func gap() -> Double {
        settings.gap > 0 ? settings.gap * (1 + Double.random(in: 0...settings.jitter)) : 0
    }

    /// The furthest slot an action waits for (half the upstream deadline); one further is refused, not held.
    var maxWait: Double { context.configuration.upstream.deadline / 2 }

    /// Gives back the unit of an action Instagram did not accept (`error`), in the same statement as its audit row
    /// when it has one; the status after.
    func giveBack(after error: any Error, audit: ActionAudit, limits: ActionLimits, status: QuotaStatus) -> QuotaStatus {
        if let refused = error as? ActionError, (try? audit.refused(refused, givingBackUnit: true)) != nil {
            return ActionLimits.returned(status)
        }
        return limits.giveBack(request.action, account: audit.acting.instagramUserID, status: status)
    }

    /// Refusals of `request` that need no call to Instagram: a marked session, following oneself, a block in
    /// force (`blockedUntil`). Whether the action is in place already is Instagram's to say.
    static func check(_ request: ActionRequest, acting: InstagramSessionStore.ActingSession, blockedUntil: Date?) throws {
        if acting.state != "valid" { throw ActionError(kind: .sessionMarked(state: acting.state)) }
        if case .userID(let pk) = request.target, String(pk) == acting.instagramUserID {
            throw APIError.validation(["target_user_id": "an account cannot follow itself"])
        }
        if let until = blockedUntil { throw ActionError(kind: .blocked(request.action, until: until)) }
    }

    /// Asks Instagram, with one GET and nothing posted, whether a like or a follow would change anything, as
    /// Instagram's own app does: a post the account likes already (`has_liked`, facts §3.2) or an account it follows
    /// (`following`, facts §6.1: `friendships/show`) is `ALREADY_DONE`, and so is a private account whose approval of
    /// its earlier request is awaited (`outgoing_request`: `requestPending`); the unit is given back. Instagram's
    /// refusal of that GET is classified. Returns the follow's target pk (a username resolved on the way).
    func checkNotInPlace(_ acting: InstagramSessionStore.ActingSession, store: ActionStore,
                         sessions: InstagramSessionStore) throws -> UInt64? {
        guard request.action == .like || request.action == .follow else { return nil }
        let client = context.thread.instagramAPI(pacer: nil, maxRetries: 0)
        do {
            return try ActionBulkhead.withSlot(context.upstream, waiting: 2) { () throws -> UInt64? in
                if request.action == .like, case .media(let media) = request.target {
                    if try client.isInPlace(.like, target: media.pk, session: acting.session) == true { throw ActionError(kind: .alreadyDone(.like)) }
                    return nil
                }
                let target = try resolveAccount(client, acting: acting)
                let friendship = try client.friendship(with: target, session: acting.session)
                if friendship.following == true { throw ActionError(kind: .alreadyDone(.follow)) }
                if friendship.outgoingRequest == true { throw ActionError(kind: .requestPending) }
                return target
            }
        } catch let error as InstagramError {
            throw try classify(error, acting: acting, store: store, sessions: sessions)
        }
    }

    /// Sends the action to `target` (nil: the request's, a username resolved first) in a bulkhead slot over the
    /// thread's kept connection. A follow whose answer says it was in place before is `ALREADY_DONE`.
    func send(_ acting: InstagramSessionStore.ActingSession, target: UInt64?, db: ActionStore,
              sessions: InstagramSessionStore) throws -> InstagramActionReceipt {
        let client = context.thread.instagramAPI(pacer: nil, maxRetries: 0)
        let receipt: InstagramActionReceipt
        do {
            receipt = try ActionBulkhead.withSlot(context.upstream, waiting: 2) {
                let target = try target ?? (request.action.targetsUser ? resolveAccount(client, acting: acting)
                                                                        : resolve(client, session: acting.session))
                return try client.perform(request.action, target: target, text: request.text, session: acting.session)
            }
        } catch let error as InstagramError {
            throw try classify(error, acting: acting, store: db, sessions: sessions)
        }
        if request.action == .follow, receipt.previousFollowing == true { throw ActionError(kind: .alreadyDone(.follow)) }
        return receipt
    }

    /// The pk of the account a follow or unfollow is for; the account itself is a bad `target_username`.
    func resolveAccount(_ client: InstagramWebClient, acting: InstagramSessionStore.ActingSession) throws -> UInt64 {
        let target = try resolve(client, session: acting.session)
        if String(target) == acting.instagramUserID {
            throw APIError.validation(["target_username": "an account cannot follow itself"])
        }
        return target
    }

    /// The pk the action is posted to.
    func resolve(_ client: InstagramWebClient, session: InstagramSession) throws(InstagramError) -> UInt64 {
        try Self.resolve(request.target, client: client, session: session)
    }

    /// The pk of a target: a user id or media pk as given, a username looked up on Instagram.
    static func resolve(_ target: ActionRequest.Target, client: InstagramWebClient,
                        session: InstagramSession) throws(InstagramError) -> UInt64 {
        switch target {
        case .userID(let pk): return pk
        case .media(let media): return media.pk
        case .username(let name):
            let profile = try client.friendshipCounts(username: name, session: session)
            guard let pk = UInt64(profile.pk) else { throw InstagramError(.badResponse, "user id is not a number") }
            return pk
        }
    }

    /// Instagram's refusal as the API answers it, with its lasting effects (`ActionRefusal`).
    func classify(_ error: InstagramError, acting: InstagramSessionStore.ActingSession, store: ActionStore,
                  sessions: InstagramSessionStore) throws -> ActionError {
        try ActionRefusal(store: store, sessions: sessions, userID: context.user.id, settings: settings, logger: context.logger)
            .classify(error, action: request.action, acting: acting)
    }

    func done(_ receipt: InstagramActionReceipt, status: QuotaStatus) -> Done {
        let result = switch request.action {
        case .follow: receipt.isRequest ? "requested" : "following"
        case .unfollow: "unfollowed"
        case .like: "liked"
        case .unlike: "unliked"
        case .comment: "commented"
        }
        return Done(action: request.action.rawValue, username: request.username, target: request.targetText, result: result,
                    commentID: receipt.id, limits: LimitView(status))
    }
}
