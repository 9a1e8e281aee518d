import Foundation
import Observability
import Web

/// `Authorization: Bearer <key>` on a group: a missing, malformed, unknown or revoked key is 401 with
/// `WWW-Authenticate: Bearer`; otherwise the handlers behind it get a `UserContext`. Verified keys are kept in the
/// process's `APIKeyCache`, whose change notices keep revocation immediate. With `INSTAGATE_OPEN_ACCESS`, a request without `Authorization` acts as that user.
struct AuthenticationMiddleware: Middleware {
    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder<UserContext>) throws -> HTTPResponse {
        let user = try authenticate(request, context: context)
        context.logger[metadataKey: .userID] = .stringConvertible(user.id)
        return try next(request, UserContext(thread: context, user: user))
    }

    func authenticate(_ request: HTTPRequest, context: RequestContext) throws -> APIUser {
        guard let header = request.headers["Authorization"] else {
            guard let name = context.configuration.openAccess.user else { throw APIError.unauthorized }
            return try openAccessUser(name, context: context)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthorized }
        let key = String(parts[1]).trimmingCharacters(in: .whitespaces)
        guard APIKey.isWellFormed(key) else { throw APIError.unauthorized }
        return try user(digest: APIKey.hash(key), method: request.method, context: context)
    }

    /// The key's user: from the process's `APIKeyCache` for a read (GET, HEAD) once the thread has read the change
    /// notices that reached its connection, otherwise from PostgreSQL (and then kept). A request that may change
    /// something always asks PostgreSQL.
    func user(digest: [UInt8], method: String, context: RequestContext) throws -> APIUser {
        let db = try context.database()
        let cache = context.services.keyCache
        if method == "GET" || method == "HEAD", context.noticesAreCurrent(for: cache, db), let user = cache.value(for: digest) {
            return user
        }
        let generation = cache.generation
        guard let user = try APIKeyStore(db: db).authenticate(digest: digest) else { throw APIError.unauthorized }
        cache.store(user, for: digest, generation: generation)
        return user
    }

    /// `INSTAGATE_OPEN_ACCESS`: a keyless request acts as the named API user (through its newest active key).
    func openAccessUser(_ name: String, context: RequestContext) throws -> APIUser {
        guard let user = try APIKeyStore(db: try context.database()).newestActiveKey(userName: name) else {
            throw APIError(.unauthorized, "UNAUTHORIZED",
                           "INSTAGATE_OPEN_ACCESS names no API user with an active key (instagate keys create --name \(name)).",
                           headers: [("WWW-Authenticate", "Bearer")])
        }
        return user
    }
}
