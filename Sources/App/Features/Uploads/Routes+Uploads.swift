import Web

extension Routes {
    /// Files uploaded for publishing (issue 14, media from the caller).
    static func registerUploadRoutes(api: APIGroup) {
        api.post("/sns/instagram/uploads", UploadHandlers.create)
            .get("/sns/instagram/uploads/{upload_id}", UploadHandlers.show)
            .delete("/sns/instagram/uploads/{upload_id}", UploadHandlers.delete)
    }
}
