import Foundation
import Observability
import Web

/// `Authorization: Bearer <key>` on a group: a missing, malformed, unknown or revoked key is 401 with
/// `WWW-Authenticate: Bearer`; otherwise the handlers behind it get a `UserContext`. Revocation takes
/// effect at once (no cache).
struct AuthenticationMiddleware: Middleware {
    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder<UserContext>) throws -> HTTPResponse {
        let user = try authenticate(request, context: context)
        context.logger[metadataKey: .userID] = .stringConvertible(user.id)
        return try next(request, UserContext(thread: context, user: user))
    }

    func authenticate(_ request: HTTPRequest, context: RequestContext) throws -> APIUser {
        guard let header = request.headers["Authorization"] else { throw APIError.unauthorized }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthorized }
        let key = String(parts[1]).trimmingCharacters(in: .whitespaces)
        guard APIKey.isWellFormed(key), let user = try APIKeyStore(db: try context.database()).authenticate(key: key) else {
            throw APIError.unauthorized
        }
        return user
    }
}
