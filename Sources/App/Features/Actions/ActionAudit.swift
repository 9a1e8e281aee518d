import Instagram

/// Writes one action's audit row (`instagram_actions`): who, which account, what, on what, the outcome and
/// Instagram's answer code.
struct ActionAudit {
    let store: ActionStore
    let userID: Int64
    let request: ActionRequest
    let acting: InstagramSessionStore.ActingSession

    /// Instagram accepted it. A failure to write is logged by the caller's logger only: the action happened.
    func accepted() {
        try? store.record(acceptedEntry)
    }

    /// The row of an action Instagram accepted.
    var acceptedEntry: ActionStore.Entry { entry("accepted", errorCode: nil, instagramCode: "ok") }

    /// instagate refused it before sending anything (limit, block, gap), or Instagram's state says it is done
    /// already (`ALREADY_DONE`, with what said so: the post's `has_liked`, the friendship's `following` or, for a
    /// follow request still awaiting a private account's approval, `outgoing_request`).
    func rejected(_ error: ActionError) throws {
        try store.record(rejection(error))
    }

    /// Instagram refused it (or the call failed); other errors are written as rejected. `givingBackUnit`: the unit
    /// taken for the action goes back in the same statement.
    func refused(_ error: ActionError, givingBackUnit: Bool = false) throws {
        let row = if case .instagram(let cause, _) = error.kind {
            entry("refused", errorCode: error.errorCode, instagramCode: Self.instagramCode(cause))
        } else {
            rejection(error)
        }
        try store.record(row, givingBackUnitOf: givingBackUnit ? request.action : nil)
    }

    func rejection(_ error: ActionError) -> ActionStore.Entry {
        let said: String? = switch error.kind {
        case .alreadyDone(let action): action.family == .like ? "has_liked" : "following"
        case .requestPending: "outgoing_request"
        default: nil
        }
        return entry("rejected", errorCode: error.errorCode, instagramCode: said)
    }

    func entry(_ outcome: String, errorCode: String?, instagramCode: String?) -> ActionStore.Entry {
        ActionStore.Entry(userID: userID, username: acting.username, instagramUserID: acting.instagramUserID,
                          action: request.action, target: request.targetText, outcome: outcome,
                          errorCode: errorCode, instagramCode: instagramCode)
    }

    /// Instagram's name for its answer (`feedback_required`, `checkpoint_required`, `login_required`, `http_429`, ...).
    static func instagramCode(_ error: InstagramError) -> String {
        for known in ["feedback_required", "checkpoint_required", "challenge_required", "login_required"]
        where error.message.contains(known) {
            return known
        }
        if error.code == .invalidSession, error.message.contains("redirect") { return "login_redirect" }
        if let status = error.httpStatus { return "http_\(status)" }
        return error.code.rawValue.lowercased()
    }
}

/// `{"success": true, "data": ...}`: the earlier service's success envelope.
struct Answer<Data: Encodable>: Encodable {
    var success = true
    var data: Data
}
