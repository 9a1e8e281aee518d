import Foundation
import Postgres
import Web

/// `/api/keys`: an API user manages their own keys (rotate without shell access to the server).
/// Another user's key is a 404, as if it did not exist.
enum KeysHandler {
    struct CreateBody: StrictDecodable {
        static let allowedFields: Set<String> = ["name"]
        var name: String
    }

    struct KeyJSON: Encodable {
        var id: Int64
        var name: String
        var prefix: String
        var createdAt: Date
        var revokedAt: Date?
        var current: Bool
        enum CodingKeys: String, CodingKey {
            case id, name, prefix, current
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
        let body = try request.decodeJSON(CreateBody.self)
        let name = body.name.trimmingCharacters(in: .whitespaces)
        guard (1...200).contains(name.count), !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIError.validation(["name": "must be 1 to 200 characters without control characters"])
        }
        let (key, listing) = try APIKeyStore(db: try context.database()).create(name: name, userID: user.id)
        return .json(Created(key: key, keyInfo: KeyJSON(listing, currentKeyID: user.keyID)), status: .created)
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
        guard try store.list(userID: user.id).contains(where: { $0.id == id && $0.revokedAt == nil }),
              try store.revoke(id: id) else {
            throw APIError.notFound("No active key with that id.")
        }
        return .json(["success": true, "revoked": JSONValue.int(Int(id))])
    }
}
