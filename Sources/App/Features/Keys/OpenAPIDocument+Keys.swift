import Web

extension OpenAPIDocument {
    /// Paths of the API user and their keys.
    static var keyPaths: [String: JSONValue] {
        [
            "/api/me": ["get": operation("me", "The API user of the key", ok: "#/components/schemas/Me", auth: true)],
            "/api/keys": [
                "get": operation("listKeys", "This user's API keys (never the keys themselves)", ok: "#/components/schemas/KeyList", auth: true),
                "post": operation("createKey", "Create another key for this user (admin keys only; an admin key when `admin` is true); the key is in the answer once",
                                  ok: nil, auth: true, body: "#/components/schemas/KeyCreate",
                                  extra: ["201": linking(["description": "Created", "content": json("#/components/schemas/KeyCreated")],
                                                         [("RevokeKey", "revokeKey", "id", "$response.body#/key_info/id")]),
                                          "200": nil,
                                          "403": errorResponse("The key is not an admin key (FORBIDDEN)"),
                                          "409": errorResponse("The user already holds the most active keys allowed (KEY_LIMIT_REACHED)")]),
            ],
            "/api/keys/{id}": ["delete": operation("revokeKey",
                                                   "Revoke one of this user's keys and the keys it minted, recursively; they stop working at once",
                                                   ok: nil, auth: true, parameters: [pathParameter("id", "The key's id", integer: true)],
                                                   extra: ["404": ref("NotFound"),
                                                           "403": errorResponse("A key that is not an admin may revoke only itself (FORBIDDEN)")])],
        ]
    }
}
