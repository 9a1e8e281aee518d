import Foundation
import Postgres
import Web

/// `/api/keys`: an API user manages their own keys (rotate without shell access to the server).
/// Another user's key is a 404, as if it did not exist. Only an admin key may create keys (403 `FORBIDDEN`
/// otherwise), at most `APIKeyStore.maxActiveKeys` active ones per user (409 `KEY_LIMIT_REACHED`); it may revoke
/// any key of its user, a key that is not an admin only itself. Revoking a key revokes what it minted, recursively
/// (the caller's own key and what it minted excepted: an admin key minted to rotate its minter keeps working).
enum KeysHandler {
    struct CreateBody: StrictDecodable {
        static let allowedFields: Set<String> = ["name", "admin"]
        var name: String
        var admin: Bool?
    }

    struct KeyJSON: Encodable {
        var id: Int64
        var name: String
        var prefix: String
        var createdAt: Date
        var revokedAt: Date?
        var current: Bool
        var admin: Bool
        var mintedBy: Int64?
        enum CodingKeys: String, CodingKey {
            case id, name, prefix, current, admin
            case mintedBy = "minted_by"
            case createdAt = "created_at"
            case revokedAt = "revoked_at"
        }

        init(_ listing: APIKeyStore.Listing, currentKeyID: Int64) {
            id = listing.id
            name = listing.name
            prefix = listing.prefix
            createdAt = listing.createdAt
            revokedAt = listing.revokedAt
            current = listing.id == currentKeyID
            admin = listing.isAdmin
            mintedBy = listing.mintedBy
        }
    }

    struct Created: Encodable {
        var success = true
        var key: String
        var keyInfo: KeyJSON
        var message = "Store this key now: it is shown only once."
        enum CodingKeys: String, CodingKey { case success, key, message, keyInfo = "key_info" }
    }

    struct Listed: Encodable {
        var success = true
        var keys: [KeyJSON]
    }

    @Sendable static func create(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let (body, name) = try request.decodeJSON(CreateBody.self) { body throws(APIError) in (body, try keyName(body.name)) }
        guard user.isAdmin else { throw APIError(.forbidden, "FORBIDDEN", "Only an admin key may create keys.") }
        guard let (key, listing) = try APIKeyStore(db: try context.database()).mint(name: name, user: user, admin: body.admin == true) else {
            throw APIError(.conflict, "KEY_LIMIT_REACHED",
                           "This user already has \(APIKeyStore.maxActiveKeys) active keys: revoke one first.")
        }
        return .json(Created(key: key, keyInfo: KeyJSON(listing, currentKeyID: user.keyID)), status: .created)
    }

    /// A key's name as stored (trimmed), or 422: 1 to 200 characters without control characters.
    static func keyName(_ given: String) throws(APIError) -> String {
        let name = given.trimmingCharacters(in: .whitespaces)
        guard (1...200).contains(name.count), !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIError.validation(["name": "must be 1 to 200 characters without control characters"])
        }
        return name
    }

    @Sendable static func list(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let keys = try APIKeyStore(db: try context.database()).list(userID: user.id)
        return .json(Listed(keys: keys.map { KeyJSON($0, currentKeyID: user.keyID) }))
    }

    @Sendable static func revoke(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        guard let id = request.parameter("id").flatMap(Int64.init), id > 0 else {
            throw APIError.notFound("No key with that id.")
        }
        let store = APIKeyStore(db: try context.database())
        guard try store.list(userID: user.id).contains(where: { $0.id == id && $0.revokedAt == nil }) else {
            throw APIError.notFound("No active key with that id.")
        }
        guard user.isAdmin || id == user.keyID else {
            throw APIError(.forbidden, "FORBIDDEN", "A key that is not an admin may revoke only itself.")
        }
        let revoked = try store.revoke(id: id, sparing: id == user.keyID ? nil : user.keyID)
        context.services.keyCache.removeAll() // this process at once; the others (and this one's threads) by notice
        guard revoked.contains(id) else { throw APIError.notFound("No active key with that id.") }
        return .json(["success": true, "revoked": JSONValue.int(Int(id)),
                      "also_revoked": .array(revoked.filter { $0 != id }.sorted().map { .int(Int($0)) })])
    }
}
