import Web

extension OpenAPIDocument {
    /// Paths of profile, stories and highlight downloads and watches (issue 16). Their `POST /api/download` is
    /// documented with the downloader's.
    static var profilePaths: [String: JSONValue] {
        let jobID = pathParameter("job_id", "The job id (16 hex) POST /api/download answered")
        let notFound = errorResponse("No such job of this API key's user (JOB_NOT_FOUND)")
        return [
            "/api/collections/{job_id}": [
                "get": operation("getCollection", "A profile, stories or highlight download: status, progress in posts and bytes, the items (each a download with its files in GET /api/downloads/{shortcode}) and signed links of the profile picture and metadata",
                                 ok: nil, auth: true, parameters: [jobID],
                                 extra: ["200": inline("The job", collectionStatus), "404": notFound]),
                "delete": operation("cancelCollection", "Cancel a profile, stories or highlight download; the posts done stay downloaded",
                                    ok: nil, auth: true, parameters: [jobID],
                                    extra: ["202": inline("The worker stops after the post it is on", ["type": "object"]), "404": notFound]),
            ],
            "/api/watch": [
                "post": operation("createWatch", "Keep a profile (or its stories) up to date: downloaded again every `every` seconds, incrementally",
                                  ok: nil, auth: true,
                                  extra: ["201": inline("The watch; its first run is queued at once", ["type": "object", "properties": ["success": ["type": "boolean"], "watch": watchSchema]]),
                                          "200": nil, "400": ref("BadRequest"), "413": ref("PayloadTooLarge"), "415": ref("UnsupportedMediaType"),
                                          "422": errorResponse("A field is invalid (VALIDATION_ERROR), or stories without a saved session (SESSION_REQUIRED)")])
                    .withRequestBody(["type": "object", "required": ["url", "every"], "additionalProperties": false, "properties": [
                        "url": ["type": "string", "description": "A profile URL (instagram.com/USERNAME/) or a stories URL (/stories/USERNAME/)"],
                        "every": ["type": "integer", "description": "Seconds between runs, at least INSTAGATE_WATCH_MIN_INTERVAL"],
                        "session": ["type": "string", "description": "Username of a saved Instagram session (default: the latest saved where one is needed)"]]]),
                "get": operation("listWatches", "This user's watches with their last run and the next", ok: nil, auth: true,
                                 extra: ["200": inline("The watches", ["type": "object", "properties": ["success": ["type": "boolean"], "watches": ["type": "array", "items": watchSchema]]])]),
            ],
            "/api/watch/{id}": ["delete": operation("deleteWatch", "Stop a watch (a queued or running run is cancelled)", ok: nil, auth: true,
                                                    parameters: [pathParameter("id", "The watch id", integer: true)],
                                                    extra: ["404": errorResponse("No such watch (WATCH_NOT_FOUND)")])],
        ]
    }

    static let watchSchema: JSONValue = ["type": "object", "properties": [
        "id": ["type": "integer"], "url": ["type": "string"], "every": ["type": "integer"], "session": ["type": ["string", "null"]],
        "created_at": ["type": "string"], "last_job_id": ["type": ["string", "null"]], "last_job_status": ["type": ["string", "null"]],
        "next_run_at": ["type": ["string", "null"]]]]

    static let collectionStatus: JSONValue = ["type": "object", "properties": [
        "success": ["type": "boolean"], "job_id": ["type": "string"],
        "status": ["type": "string", "enum": ["queued", "running", "completed", "failed", "cancelled"]],
        "kind": ["type": "string", "enum": ["profile", "stories", "highlight"]], "url": ["type": "string"],
        "progress": ["type": "object", "properties": [
            "phase": ["type": "string"], "posts_done": ["type": "integer"], "posts_from_storage": ["type": "integer"],
            "posts_skipped": ["type": "integer"], "posts_total": ["type": ["integer", "null"]], "bytes_done": ["type": "integer"]]],
        "error": ["type": ["object", "null"], "description": "code: PRIVATE_PROFILE, PROFILE_NOT_FOUND, SESSION_REQUIRED, LOGIN_REQUIRED (the login wall part-way, no saved session), STORY_NOT_FOUND, HIGHLIGHT_NOT_FOUND, INVALID_SESSION, RATE_LIMIT_EXCEEDED, UPSTREAM_ERROR …"],
        "profile": ["type": ["object", "null"], "description": "Signed links: picture_url (full size), metadata_url (the profile's JSON), expires_at"],
        "result": ["type": ["object", "null"], "description": "kind, url, username, profile_id, picture_code, title, stopped_because (end, up_to_date, since, max_posts), items [{shortcode, media_type, taken_at, files, bytes, from_storage}]"],
    ]]
}
