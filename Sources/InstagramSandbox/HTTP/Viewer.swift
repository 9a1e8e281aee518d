/// Who is asking: nobody, or the owner of a valid (or action-blocked) session.
public enum Viewer: Sendable {
    case anonymous
    case user(SandboxSession, SandboxUser)

    /// The viewer's pk when logged in.
    public var pk: UInt64? {
        if case .user(_, let user) = self { return user.pk }
        return nil
    }

    public var session: SandboxSession? {
        if case .user(let session, _) = self { return session }
        return nil
    }

    public var user: SandboxUser? {
        if case .user(_, let user) = self { return user }
        return nil
    }
}

/// Which of Instagram's API families a request belongs to.
public enum HostFamily: String, Sendable {
    /// www.instagram.com: pages, web JSON API, GraphQL.
    case web
    /// i.instagram.com: the app API (IGT bearer, app user agent).
    case mobile
}
