import Web

extension OpenAPIDocument {
    /// Paths of the bulk account actions (issue 15).
    static var bulkActionPaths: [String: JSONValue] {
        let id = [pathParameter("job_id", "The bulk job's id (16 hex)")]
        let notFound = errorResponse("No bulk job of this API key has that id (NOT_FOUND)")
        let notLive = errorResponse("The bulk job is not in a state that allows this (INVALID_STATE; errors.status names its state)")
        let bulk = inline("The bulk job", bulkSchema)
        return [
            "/api/instagram/bulk": ["post": operation(
                "instagramBulk", "One action (follow, unfollow, like, unlike) on up to 1,000 targets, or unfollow the unfollowers of a finished follower analysis of the account (from_analysis) except a whitelist, as a worker job: paced by the account's gap (and interval_seconds if longer), within its daily limits (waiting for them when used up), stopped at the first block, challenge, logged-out session or Instagram 429; every action in the audit log",
                ok: nil, auth: true, body: nil,
                extra: ["202": linking(bulk, [("InstagramBulkStatus", "instagramBulkStatus", "job_id", "$response.body#/job_id"),
                                              ("PauseInstagramBulk", "pauseInstagramBulk", "job_id", "$response.body#/job_id"),
                                              ("CancelInstagramBulk", "cancelInstagramBulk", "job_id", "$response.body#/job_id")]),
                        "400": ref("BadRequest"), "413": ref("PayloadTooLarge"), "415": ref("UnsupportedMediaType"),
                        "422": ref("ValidationError"),
                        "403": errorResponse("Instagram logged the session out (INVALID_SESSION) or wants a challenge passed (CHALLENGE_REQUIRED)"),
                        "404": errorResponse("No unexpired saved session by that name for this API key (INVALID_SESSION)")]).withRequestBody(bulkBody)],
            "/api/instagram/bulk/{job_id}": [
                "get": operation("instagramBulkStatus", "A bulk job's state, counts, why it stopped, and its items (items=false leaves them out)",
                                 ok: nil, auth: true, parameters: id, extra: ["200": bulk, "404": notFound])
                    .withParameters(id + [textQueryParameter("items", "false: without the items")]),
                "delete": operation("cancelInstagramBulk", "Cancel a bulk job that has not finished: no action starts after the answer",
                                    ok: nil, auth: true, parameters: id, extra: ["200": bulk, "404": notFound, "409": notLive])],
            "/api/instagram/bulk/{job_id}/pause": ["post": operation(
                "pauseInstagramBulk", "Pause a queued or running bulk job: no action starts after the answer (one already sent finishes)",
                ok: nil, auth: true, parameters: id, extra: ["200": bulk, "404": notFound, "409": notLive])],
            "/api/instagram/bulk/{job_id}/resume": ["post": operation(
                "resumeInstagramBulk", "Resume a paused or stopped bulk job where it was, with a new worker job",
                ok: nil, auth: true, parameters: id, extra: ["200": bulk, "404": notFound, "409": notLive])],
        ]
    }

    static let bulkBody: JSONValue = ["type": "object", "required": ["username", "action"], "additionalProperties": false, "properties": [
        "username": ["type": "string", "description": "The saved session's Instagram username"],
        "action": ["type": "string", "enum": ["follow", "unfollow", "like", "unlike"]],
        "targets": ["type": "array", "minItems": 1, "maxItems": 1000, "items": ["type": ["string", "integer"]],
                    "description": "User ids or usernames (follow, unfollow); media ids, shortcodes or post URLs (like, unlike)"],
        "from_analysis": ["type": "string", "description": "A completed follower analysis of this account: unfollow its unfollowers (instead of targets)"],
        "whitelist": ["type": "array", "items": ["type": "string"], "description": "Usernames never unfollowed (with from_analysis)"],
        "interval_seconds": ["type": "number", "minimum": 0, "maximum": 86400, "description": "At least this many seconds between two actions"]]]

    static let bulkSchema: JSONValue = ["type": "object", "properties": [
        "success": ["type": "boolean"],
        "data": ["type": "object", "properties": [
            "job_id": ["type": "string"], "username": ["type": "string"], "action": ["type": "string"],
            "source": ["type": "string", "enum": ["targets", "analysis"]],
            "status": ["type": "string", "enum": ["queued", "running", "paused", "completed", "stopped", "cancelled"]],
            "interval_seconds": ["type": "number"], "total": ["type": "integer"], "done": ["type": "integer"],
            "skipped": ["type": "integer"], "failed": ["type": "integer"], "pending": ["type": "integer"],
            "stop": ["type": "object", "properties": ["error_code": ["type": "string"], "message": ["type": "string"]]],
            "resumes_at": ["type": "string", "format": "date-time"], "created_at": ["type": "string", "format": "date-time"],
            "finished_at": ["type": "string", "format": "date-time"], "status_url": ["type": "string"],
            "items": ["type": "array", "items": ["type": "object", "properties": [
                "position": ["type": "integer"], "target": ["type": "string"], "label": ["type": "string"],
                "state": ["type": "string", "enum": ["pending", "sending", "done", "skipped", "failed"]],
                "result": ["type": "string"], "error_code": ["type": "string"]]]]]]]]
}
