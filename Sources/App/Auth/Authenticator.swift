import Foundation
import Postgres
import Web

/// `Authorization: Bearer <key>` for every `/api/` endpoint: a missing, malformed, unknown or revoked
/// key is 401 with `WWW-Authenticate: Bearer`. Revocation takes effect at once (no cache).
enum Authenticator {
    static func authenticate(_ request: HTTPRequest, context: RequestContext) throws -> APIUser {
        guard let header = request.headers["Authorization"] else { throw APIError.unauthorized }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthorized }
        let key = parts[1].trimmingCharacters(in: .whitespaces)
        guard APIKey.isWellFormed(key) else { throw APIError.unauthorized }
        guard let user = try APIKeyStore(db: try context.database()).authenticate(key: key) else {
            throw APIError.unauthorized
        }
        return user
    }
}
