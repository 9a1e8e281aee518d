import Foundation
import Instagram
import Observability
import Web

/// One account action from request to answer. Everything that can refuse without Instagram runs first (the
/// session, following oneself, a block in force); a like asks Instagram whether the post is liked already
/// (`has_liked`), then the daily unit is taken, the account's gap waited for, and the action sent once over the
/// thread's kept connection. A follow Instagram answers with `previous_following` was in place already. Both are
/// `ALREADY_DONE` from Instagram's own state, never instagate's log (the account may have acted elsewhere). A unit
/// stays used only when Instagram accepted a change; every outcome with a known account is in the audit log.
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
        let store = try InstagramSessionStore(db: db, box: context.services.secretBox())
        guard let acting = try store.acting(userID: context.user.id, username: request.username) else {
            throw ActionError(kind: .sessionNotFound(request.username))
        }
        let account = acting.instagramUserID
        let limits = ActionLimits(db: db, settings: settings)
        let audit = ActionAudit(store: ActionStore(db: db), userID: context.user.id, request: request, acting: acting)
        let ownLimit: Int?
        do {
            ownLimit = try Self.check(request, acting: acting, store: ActionStore(db: db))
            try checkNotLiked(acting, store: ActionStore(db: db), sessions: store, audit: audit)
        } catch let error as ActionError {
            if case .instagram = error.kind {} else { try audit.rejected(error) }
            throw EditedHTTPError(error, adding: ActionLimits.headers(try limits.status(request.action, account: account)))
        }
        let (allowed, status) = try limits.consume(request.action, account: account, window: limits.window(request.action, own: ownLimit))
        guard allowed else {
            let error = ActionError(kind: .limitExceeded(request.action, status))
            try audit.rejected(error)
            throw EditedHTTPError(error, adding: ActionLimits.headers(status))
        }
        let receipt: InstagramActionReceipt
        do {
            receipt = try send(acting, db: ActionStore(db: db), sessions: store)
        } catch {
            let back = limits.giveBack(request.action, account: account, status: status)
            if let refused = error as? ActionError { try? audit.refused(refused) }
            throw EditedHTTPError(error, adding: ActionLimits.headers(back))
        }
        audit.accepted() // the unit stays used even if the log cannot be written: Instagram did it
        var response = HTTPResponse.json(Answer(data: done(receipt, status: status)))
        for (name, value) in ActionLimits.headers(status) { response.headers[name] = value }
        return response
    }

    /// Refusals of `request` that need no call to Instagram: a marked session, following oneself, a block in
    /// force (shared with the bulk job). Whether the action is in place already is Instagram's to say. Returns the
    /// account's own daily limit for the action (nil: the operator's), read in the same round trip as the block.
    @discardableResult
    static func check(_ request: ActionRequest, acting: InstagramSessionStore.ActingSession, store: ActionStore) throws -> Int? {
        if acting.state != "valid" { throw ActionError(kind: .sessionMarked(state: acting.state)) }
        if case .userID(let pk) = request.target, String(pk) == acting.instagramUserID {
            throw APIError.validation(["target_user_id": "an account cannot follow itself"])
        }
        let standing = try store.standing(instagramUserID: acting.instagramUserID, family: request.action.family)
        if let until = standing.blockedUntil { throw ActionError(kind: .blocked(request.action, until: until)) }
        return standing.ownLimit
    }

    /// A like of a post the account likes already (Instagram's `has_liked`, facts §3.2: one GET, nothing posted) is
    /// `ALREADY_DONE` before any unit or slot is taken. Instagram's refusal of that GET is classified and logged.
    func checkNotLiked(_ acting: InstagramSessionStore.ActingSession, store: ActionStore, sessions: InstagramSessionStore,
                       audit: ActionAudit) throws {
        guard request.action == .like, case .media(let media) = request.target else { return }
        let client = context.thread.instagramAPI(pacer: nil, maxRetries: 0)
        let liked: Bool?
        do {
            liked = try ActionBulkhead.withSlot(context.upstream, waiting: 2) {
                try client.isInPlace(.like, target: media.pk, session: acting.session)
            }
        } catch let error as InstagramError {
            let refused = try classify(error, acting: acting, store: store, sessions: sessions)
            try? audit.refused(refused)
            throw refused
        }
        if liked == true { throw ActionError(kind: .alreadyDone(.like)) }
    }

    /// Waits for the account's slot, then sends the action (resolving a target username first) in a bulkhead slot
    /// over the thread's kept connection. A follow whose answer says it was in place before is `ALREADY_DONE`.
    func send(_ acting: InstagramSessionStore.ActingSession, db: ActionStore,
              sessions: InstagramSessionStore) throws -> InstagramActionReceipt {
        try waitForSlot(account: acting.instagramUserID, store: db)
        let client = context.thread.instagramAPI(pacer: nil, maxRetries: 0)
        let receipt: InstagramActionReceipt
        do {
            receipt = try ActionBulkhead.withSlot(context.upstream, waiting: 2) {
                let target = try resolve(client, session: acting.session)
                if request.action.targetsUser, String(target) == acting.instagramUserID {
                    throw APIError.validation(["target_username": "an account cannot follow itself"])
                }
                return try client.perform(request.action, target: target, text: request.text, session: acting.session)
            }
        } catch let error as InstagramError {
            throw try classify(error, acting: acting, store: db, sessions: sessions)
        }
        if request.action == .follow, receipt.previousFollowing == true { throw ActionError(kind: .alreadyDone(.follow)) }
        return receipt
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

    /// Books the account's next slot (`INSTAGATE_ACTION_GAP` plus jitter after the one before) and sleeps until
    /// it; a slot further away than half the upstream deadline is refused instead of held.
    func waitForSlot(account: String, store: ActionStore) throws {
        guard settings.gap > 0 else { return }
        let gap = settings.gap * (1 + Double.random(in: 0...settings.jitter))
        let maxWait = context.configuration.upstream.deadline / 2
        guard let wait = try store.bookSlot(instagramUserID: account, gap: gap, maxWait: maxWait) else {
            let seconds = try store.secondsToNextSlot(instagramUserID: account)
            throw ActionError(kind: .paced(seconds: max(1, Int((seconds - maxWait).rounded(.up)))))
        }
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
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
