import Web

extension OpenAPIDocument {
    /// Publishing a draft, and the answer of a batch (issue 14).
    static var draftPaths: [String: JSONValue] {
        let postID = pathParameter("post_id", "The post's id", integer: true)
        return ["/api/sns/instagram/posts/{post_id}/publish": ["post": optionalBody(operation(
            "publishInstagramDraft", "Publish a draft: scheduled at the body's scheduled_at, or at its planned time while that is ahead, else queued for now, with a worker job (as any post)",
            ok: nil, auth: true, parameters: [postID],
            extra: ["202": inline("The post, scheduled or queued", publicationSchema), "200": nil, "400": ref("BadRequest"),
                    "413": ref("PayloadTooLarge"), "415": ref("UnsupportedMediaType"), "422": errorResponse("The body is invalid, or an upload the draft names was deleted since (VALIDATION_ERROR, errors names its …_upload_id)"),
                    "404": errorResponse("No post of this user has that id (NOT_FOUND)"),
                    "409": errorResponse("The post is not a draft (POST_NOT_DRAFT), or its account must be connected again (RECONNECT_REQUIRED)")]),
            publishBody)]]
    }

    /// `operation` with a request body that may be left out.
    static func optionalBody(_ operation: JSONValue, _ schema: JSONValue) -> JSONValue {
        guard case .object(var object) = operation else { return operation }
        object["requestBody"] = ["required": false, "content": ["application/json": ["schema": schema]]]
        return .object(object)
    }

    static let publishBody: JSONValue = ["type": "object", "required": ["scheduled_at"], "additionalProperties": false, "properties": [
        "scheduled_at": ["type": "string", "format": "date-time", "description": "RFC 3339 with its offset, in the future, at most 75 days ahead"]]]

    static let batchSchema: JSONValue = ["type": "object", "properties": [
        "success": ["type": "boolean"], "batch_id": ["type": "integer"], "count": ["type": "integer"],
        "posts": ["type": "array", "items": publicationSchema]]]
}
