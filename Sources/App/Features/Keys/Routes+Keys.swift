import Web

extension Routes {
    /// The API user of the key and their keys.
    static func registerKeyRoutes(_ api: APIGroup) {
        api.get("/me", AccountHandler.me)
            .get("/keys", KeysHandler.list)
            .post("/keys", KeysHandler.create)
            .delete("/keys/{id}", KeysHandler.revoke)
    }
}
