import Web

/// `GET /api/me`: the API user the key belongs to.
enum AccountHandler {
    struct Me: Encodable {
        var success = true
        var user: User
        struct User: Encodable {
            var id: Int64
            var name: String
            var keyID: Int64
            enum CodingKeys: String, CodingKey { case id, name, keyID = "key_id" }
        }
    }

    @Sendable static func me(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        return .json(Me(user: .init(id: user.id, name: user.name, keyID: user.keyID)))
    }
}
