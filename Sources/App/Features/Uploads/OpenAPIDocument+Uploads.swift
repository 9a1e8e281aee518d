import Web

extension OpenAPIDocument {
    /// Paths of uploads for publishing (issue 14).
    static var uploadPaths: [String: JSONValue] {
        let uploadID = pathParameter("upload_id", "The upload's id (upload_id of its POST answer)")
        let notFound = errorResponse("No live upload of this user has that id (NOT_FOUND): another user's and an expired one are none")
        return [
            "/api/sns/instagram/uploads": ["post": operation(
                "uploadInstagramMedia", "Upload a JPEG image or an MP4/MOV video to publish (the request body is the file, at most 300 MiB; nginx writes it to disk). Its type, wholeness and Meta's limits are read from its bytes; it is kept for 24 hours and served at a signed link that expires with it",
                ok: nil, auth: true,
                extra: ["200": nil,
                        "201": inline("The upload: its id, signed link (until expires_at), media_type (IMAGE or VIDEO) and size in bytes", uploadSchema),
                        "413": ref("PayloadTooLarge"),
                        "422": errorResponse("The file is empty, neither a JPEG nor an MP4, cut short, or breaks Meta's limits (VALIDATION_ERROR; errors.file says which)")])
                .withBinaryBody()],
            "/api/sns/instagram/uploads/{upload_id}": [
                "get": operation("instagramUpload", "One upload, with a fresh signed link", ok: nil, auth: true, parameters: [uploadID],
                                 extra: ["200": inline("The upload", uploadSchema), "404": notFound]),
                "delete": operation("deleteInstagramUpload", "Forget an upload and remove its file (its link then answers 404)",
                                    ok: nil, auth: true, parameters: [uploadID], extra: ["404": notFound]),
            ],
        ]
    }

    static var uploadSchema: JSONValue {
        ["type": "object", "properties": [
            "success": ["type": "boolean"], "upload_id": ["type": "string"], "url": ["type": "string"],
            "expires_at": ["type": "string", "format": "date-time"], "created_at": ["type": "string", "format": "date-time"],
            "media_type": ["type": "string", "enum": ["IMAGE", "VIDEO"]], "size": ["type": "integer"]]]
    }
}

extension JSONValue {
    /// The operation with a request body that is the file itself (a JPEG or an MP4).
    func withBinaryBody() -> JSONValue {
        guard case .object(var operation) = self else { return self }
        let file: JSONValue = ["schema": ["type": "string", "format": "binary"]]
        operation["requestBody"] = ["required": true, "content": ["image/jpeg": file, "video/mp4": file]]
        return .object(operation)
    }
}
