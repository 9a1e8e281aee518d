import Foundation
import Instagram
import Jobs
import Postgres
import Web

/// One target of a bulk run, as the action endpoints do it (`ActionPerformer`'s checks, daily unit, the
/// account's gap, one call, `ActionRefusal`, `ActionAudit`), with the item's state around the call: `sending` is
/// committed before the action is sent (with its unit, in one statement) and `done` after Instagram accepted it
/// (with its audit row and the run's counts, in one statement).
struct BulkStep {
    let run: BulkRun
    let jobID: Int64
    let item: BulkItem
    let context: JobContext
    let services: AppServices
    let box: SecretBox

    var db: PostgresConnection { context.connection }
    var store: BulkStore { BulkStore(db: db) }
    var settings: ActionSettings { services.configuration.actions }
    var limits: ActionLimits { ActionLimits(db: db, settings: settings) }
    var sessions: InstagramSessionStore { InstagramSessionStore(db: db, box: box) }

    /// A client for one item (the total deadline runs from here).
    func client() -> InstagramWebClient {
        services.instagram.api(logger: context.logger, pacer: nil, maxRetries: 0, deadline: services.configuration.upstream.deadline)
    }

    /// The item's outcome, with `along` (an audit row) in the same statement; on to the next item.
    func finish(_ state: String, result: String? = nil, code: String? = nil, along: PostgresQuery? = nil) throws -> BulkRunner.Outcome {
        .next(counts: try store.finish(runID: run.id, position: item.position, state: state, result: result, errorCode: code, along: along))
    }

    func perform() throws -> BulkRunner.Outcome {
        guard let target = BulkRequest.actionTarget(item.target, action: run.action) else { return try finish("failed", code: "VALIDATION_ERROR") }
        let request = ActionRequest(username: run.username, action: run.action, target: target, text: nil)
        let actions = ActionStore(db: db)
        guard let standing = try actions.acting(userID: run.userID, username: run.username, family: run.action.family, sessions: sessions) else {
            let error = ActionError(kind: .sessionNotFound(run.username))
            return .stop(code: error.errorCode, message: error.errorMessage)
        }
        let acting = standing.acting
        let audit = ActionAudit(store: actions, userID: run.userID, request: request, acting: acting)
        do {
            try ActionPerformer.check(request, acting: acting, blockedUntil: standing.blockedUntil)
        } catch let error as ActionError {
            try audit.rejected(error)
            if case .alreadyDone = error.kind { return try finish("skipped", code: error.errorCode) }
            return .stop(code: error.errorCode, message: error.errorMessage)
        } catch is APIError {
            return try finish("failed", code: "VALIDATION_ERROR")
        }
        if let outcome = try alreadyInPlace(request, acting: acting, audit: audit) { return outcome }
        guard try waitForSlot() else { return .yield }
        let taken = try store.markSending(runID: run.id, position: item.position, jobID: jobID, scope: ActionLimits.scope(run.action),
                                          subject: ActionLimits.subject(acting.instagramUserID),
                                          window: limits.window(run.action, own: standing.ownLimit))
        guard taken.owned else { return .yield }
        guard taken.allowed else {
            let error = ActionError(kind: .limitExceeded(run.action, taken.status))
            return .waitForLimit(seconds: max(1, taken.status.resetSeconds), message: error.errorMessage)
        }
        guard taken.marked else {
            _ = limits.giveBack(run.action, account: acting.instagramUserID, status: taken.status)
            return .yield
        }
        return try send(request, acting: acting, audit: audit, status: taken.status)
    }

    /// Sends the action of an item marked `sending`. An answer that leaves it unknown whether Instagram did it
    /// (no answer, a 5xx, a garbled body) keeps the item `sending` and the unit taken: the retry settles it.
    func send(_ request: ActionRequest, acting: InstagramSessionStore.ActingSession, audit: ActionAudit,
              status: QuotaStatus) throws -> BulkRunner.Outcome {
        let client = client()
        do {
            let pk = try ActionPerformer.resolve(request.target, client: client, session: acting.session)
            if run.action.targetsUser, String(pk) == acting.instagramUserID {
                _ = limits.giveBack(run.action, account: acting.instagramUserID, status: status)
                return try finish("failed", code: "VALIDATION_ERROR")
            }
            let receipt = try client.perform(run.action, target: pk, session: acting.session)
            return try finish("done", result: Self.result(run.action, receipt), along: ActionStore.recordStatement(audit.acceptedEntry))
        } catch let error as InstagramError where Self.isUncertain(error) {
            throw JobFailure(code: "REQUEST_FAILED", message: "Instagram did not answer clearly (\(error.code.rawValue)); the target is checked before anything is sent again",
                             isRetryable: true)
        } catch let error as InstagramError {
            _ = limits.giveBack(run.action, account: acting.instagramUserID, status: status)
            return try refused(error, acting: acting, audit: audit)
        }
    }

    /// Instagram refused: the item fails; a block, a challenge, a logged-out session or a 429 stops the run.
    func refused(_ error: InstagramError, acting: InstagramSessionStore.ActingSession, audit: ActionAudit) throws -> BulkRunner.Outcome {
        let refusal = try ActionRefusal(store: ActionStore(db: db), sessions: sessions, userID: run.userID, settings: settings,
                                        logger: context.logger).classify(error, action: run.action, acting: acting)
        try? audit.refused(refusal)
        let next = try finish("failed", code: refusal.errorCode)
        switch error.code {
        case .feedbackRequired, .challengeRequired, .invalidSession, .loginRequired, .rateLimited:
            return .stop(code: refusal.errorCode, message: refusal.errorMessage)
        default:
            return next
        }
    }

    /// Asks Instagram first, as Instagram's own app does (facts §6.1: `friendships/show`; §3.2: `has_liked`): an
    /// action already in place is skipped as `ALREADY_DONE` without a unit, a slot or a POST. Nil: go on and send it.
    func alreadyInPlace(_ request: ActionRequest, acting: InstagramSessionStore.ActingSession,
                        audit: ActionAudit) throws -> BulkRunner.Outcome? {
        let client = client()
        do {
            let pk = try ActionPerformer.resolve(request.target, client: client, session: acting.session)
            guard try client.isInPlace(run.action, target: pk, session: acting.session) == true else { return nil }
        } catch {
            if Self.isUncertain(error) {
                throw JobFailure(code: "REQUEST_FAILED", message: "Instagram did not answer (\(error.code.rawValue))", isRetryable: true)
            }
            return try refused(error, acting: acting, audit: audit)
        }
        return try finish("skipped", result: "already_done", code: "ALREADY_DONE",
                          along: ActionStore.recordStatement(audit.rejection(ActionError(kind: .alreadyDone(run.action)))))
    }

    /// Settles an item a killed or unclear attempt left `sending` by asking Instagram whether the action is in
    /// place: done if it is (the unit stays used), pending again with its unit given back if it is not.
    func settle() throws -> BulkRunner.Outcome {
        guard let target = BulkRequest.actionTarget(item.target, action: run.action) else { return try finish("failed", code: "VALIDATION_ERROR") }
        let request = ActionRequest(username: run.username, action: run.action, target: target, text: nil)
        guard let acting = try sessions.acting(userID: run.userID, username: run.username) else {
            let error = ActionError(kind: .sessionNotFound(run.username))
            return .stop(code: error.errorCode, message: error.errorMessage)
        }
        let audit = ActionAudit(store: ActionStore(db: db), userID: run.userID, request: request, acting: acting)
        let client = client()
        let inPlace: Bool?
        do {
            let pk = try ActionPerformer.resolve(target, client: client, session: acting.session)
            inPlace = try client.isInPlace(run.action, target: pk, session: acting.session)
        } catch {
            if Self.isUncertain(error) {
                throw JobFailure(code: "REQUEST_FAILED", message: "Instagram did not answer whether the last action was done", isRetryable: true)
            }
            return try refused(error, acting: acting, audit: audit)
        }
        context.event("bulk_settled", "item \(item.position): \(inPlace == true ? "done before the interruption" : "not done, sent again")")
        if inPlace == true {
            return try finish("done", result: "settled", along: ActionStore.recordStatement(audit.acceptedEntry))
        }
        _ = limits.giveBack(run.action, account: acting.instagramUserID, status: QuotaStatus(limit: 0, used: 0, resetSeconds: 0))
        return try finish("pending")
    }

    /// Waits for the account's next action slot (`INSTAGATE_ACTION_GAP` with jitter, or the run's interval if
    /// longer), looking every second whether the run is still this job's; false when it is not.
    func waitForSlot() throws -> Bool {
        let gap = max(settings.gap * (1 + Double.random(in: 0...settings.jitter)), run.interval)
        guard gap > 0 else { return true }
        let actions = ActionStore(db: db)
        while true {
            if let wait = try actions.bookSlot(instagramUserID: run.instagramUserID, gap: gap, maxWait: 60) {
                return try sleep(wait, checkingAtEnd: false)
            }
            guard try sleep(1) else { return false }
        }
    }

    /// Sleeps `seconds`, looking after each second whether the run is still this job's; false when it is not.
    /// `checkingAtEnd` false: not after the last second (the caller's next statement, `markSending`, looks).
    func sleep(_ seconds: Double, checkingAtEnd: Bool = true) throws -> Bool {
        var left = seconds
        while left > 0 {
            try context.sleep(min(1, left))
            left -= 1
            if left <= 0, !checkingAtEnd { break }
            guard try store.owns(runID: run.id, jobID: jobID) else { return false }
        }
        return true
    }

    static func isUncertain(_ error: InstagramError) -> Bool {
        [.network, .upstreamError, .badResponse].contains(error.code)
    }

    /// `following`, `requested`, `unfollowed`, `liked`, `unliked`.
    static func result(_ action: InstagramAction, _ receipt: InstagramActionReceipt) -> String {
        switch action {
        case .follow: receipt.isRequest ? "requested" : "following"
        case .unfollow: "unfollowed"
        case .like: "liked"
        case .unlike: "unliked"
        case .comment: "commented"
        }
    }
}
