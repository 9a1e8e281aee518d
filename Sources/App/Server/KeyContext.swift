import Logging
import Web

/// The context of a request whose key is checked inside the handler's own statement: the thread's
/// `RequestContext` and the credential presented (`PresentedKeyMiddleware` makes it). The statement joins the
/// active key to the rows asked for, so one PostgreSQL round trip both authenticates and answers (the reads
/// `deploy/bench graph` measures); revocation still takes effect at once (no cache). A statement that finds no
/// active key ends the request with 401, as `AuthenticationMiddleware` would.
@dynamicMemberLookup
public struct KeyContext {
    /// What the request presented.
    public enum Credential: Sendable {
        /// The SHA-256 of a well-formed `Authorization: Bearer` key, not yet known to be active.
        case keyHash([UInt8])
        /// The user already known (`INSTAGATE_OPEN_ACCESS` without a key).
        case user(APIUser)
    }

    /// The responder thread's context (database connection, HTTP client, logger).
    public let thread: RequestContext
    public let credential: Credential

    public subscript<Value>(dynamicMember keyPath: KeyPath<RequestContext, Value>) -> Value { thread[keyPath: keyPath] }

    /// The context of an authenticated request once the statement found the key's user (logged from here on).
    func authenticated(_ user: APIUser?) throws -> UserContext {
        guard let user else { throw APIError.unauthorized }
        thread.logger[metadataKey: .userID] = .stringConvertible(user.id)
        return UserContext(thread: thread, user: user)
    }

    /// The user, checked by a statement of its own (for answers that read nothing else, such as a 422).
    func user() throws -> UserContext {
        switch credential {
        case .user(let user): return try authenticated(user)
        case .keyHash(let hash): return try authenticated(try APIKeyStore(db: try thread.database()).authenticate(hash: hash))
        }
    }
}
