import Web

extension OpenAPIDocument {
    /// Paths of profile, stories and highlight downloads and watches (issue 16). Their `POST /api/download` is
    /// documented with the downloader's.
    static var profilePaths: [String: JSONValue] {
        let jobID = pathParameter("job_id", "The job id (16 hex) POST /api/download answered")
        let notFound = errorResponse("No such job of this API key's user (JOB_NOT_FOUND)")
        let watchID = pathParameter("id", "The watch id", integer: true)
        let watchNotFound = errorResponse("No such watch (WATCH_NOT_FOUND)")
        return [
            "/api/collections/{job_id}": [
                "get": operation("getCollection", "A profile, stories or highlight download: status, progress in posts and bytes, the items (each a download with its files in GET /api/downloads/{shortcode}) and signed links of the profile picture and metadata",
                                 ok: nil, auth: true, parameters: [jobID],
                                 extra: ["200": inline("The job", collectionStatus), "404": notFound]),
                "delete": operation("cancelCollection", "Cancel a profile, stories or highlight download; the posts done stay downloaded",
                                    ok: nil, auth: true, parameters: [jobID],
                                    extra: ["202": inline("The worker stops after the post it is on", ["type": "object"]), "404": notFound]),
            ],
            "/api/collections/{job_id}/pause": [
                "post": operation("pauseCollection", "Pause a profile, stories or highlight download: a queued job waits, a running one stops after the batch of posts it is on (status pausing, then paused); the posts done stay downloaded",
                                  ok: nil, auth: true, parameters: [jobID],
                                  extra: ["200": inline("Paused (it was queued)", pauseAnswer), "202": inline("Pausing: the worker stops after its current batch", pauseAnswer),
                                          "404": notFound, "409": errorResponse("The job already ended (JOB_FINISHED)")]),
            ],
            "/api/collections/{job_id}/resume": [
                "post": operation("resumeCollection", "Resume a paused download: it continues where it stopped, the posts done found in storage (not fetched again)",
                                  ok: nil, auth: true, parameters: [jobID],
                                  extra: ["200": inline("Queued again (or running on, when its pause had not landed)", pauseAnswer),
                                          "404": notFound, "409": errorResponse("The job is not paused (JOB_NOT_PAUSED)")]),
            ],
            "/api/watch/{id}/pause": [
                "post": operation("pauseWatch", "Pause a watch: its current run is paused and no further runs are queued until it is resumed",
                                  ok: nil, auth: true, parameters: [watchID],
                                  extra: ["200": inline("Paused", pauseAnswer), "202": inline("Pausing: its run stops after its current batch", pauseAnswer),
                                          "404": watchNotFound, "409": errorResponse("The watch's run already ended (JOB_FINISHED)")]),
            ],
            "/api/watch/{id}/resume": [
                "post": operation("resumeWatch", "Resume a paused watch: its run continues, then the watch goes on every `every` seconds",
                                  ok: nil, auth: true, parameters: [watchID],
                                  extra: ["200": inline("Resumed", pauseAnswer), "404": watchNotFound,
                                          "409": errorResponse("The watch is not paused (JOB_NOT_PAUSED)")]),
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
            "/api/downloads/{profile}/archive.zip": [
                "get": operation("profileArchive", "A ZIP (stored, no compression) of everything this API user has stored of a downloaded profile: each post's and story's files and metadata JSON (SHORTCODE/NAME, as under /downloads/), the profile picture and the profile's metadata JSON; streamed by nginx from the stored files (chunked; X-Archive-Length gives the size in bytes)",
                                 ok: nil, auth: true,
                                 parameters: [pathParameter("profile", "The profile's username (as last downloaded, any case)")],
                                 extra: ["200": ["description": "The archive (Content-Disposition: attachment; filename=USERNAME.zip)",
                                                 "headers": ["X-Archive-Length": ["description": "The archive's size in bytes", "schema": ["type": "integer"]]],
                                                 "content": ["application/zip": ["schema": ["type": "string", "format": "binary"]]]],
                                         "404": errorResponse("No downloaded profile of that name for this API key's user (NOT_FOUND)")]),
            ],
            "/api/watch/{id}": ["delete": operation("deleteWatch", "Stop a watch (a queued or running run is cancelled)", ok: nil, auth: true,
                                                    parameters: [watchID], extra: ["404": watchNotFound])],
        ]
    }

    static let pauseAnswer: JSONValue = ["type": "object", "properties": [
        "success": ["type": "boolean"], "job_id": ["type": "string"], "id": ["type": "integer"],
        "status": ["type": "string", "enum": ["paused", "pausing", "queued", "running"]], "message": ["type": "string"]]]

    static let watchSchema: JSONValue = ["type": "object", "properties": [
        "id": ["type": "integer"], "paused": ["type": "boolean"], "url": ["type": "string"], "every": ["type": "integer"], "session": ["type": ["string", "null"]],
        "created_at": ["type": "string"], "last_job_id": ["type": ["string", "null"]], "last_job_status": ["type": ["string", "null"]],
        "next_run_at": ["type": ["string", "null"]]]]

    static let collectionStatus: JSONValue = ["type": "object", "properties": [
        "success": ["type": "boolean"], "job_id": ["type": "string"],
        "status": ["type": "string", "enum": ["queued", "running", "pausing", "paused", "completed", "failed", "cancelled"]],
        "kind": ["type": "string", "enum": ["profile", "stories", "highlight"]], "url": ["type": "string"],
        "progress": ["type": "object", "properties": [
            "phase": ["type": "string"], "posts_done": ["type": "integer"], "posts_from_storage": ["type": "integer"],
            "posts_skipped": ["type": "integer"], "posts_total": ["type": ["integer", "null"]], "bytes_done": ["type": "integer"]]],
        "error": ["type": ["object", "null"], "description": "code: PRIVATE_PROFILE, PROFILE_NOT_FOUND, SESSION_REQUIRED, LOGIN_REQUIRED (the login wall part-way, no saved session), STORY_NOT_FOUND, HIGHLIGHT_NOT_FOUND, INVALID_SESSION, RATE_LIMIT_EXCEEDED, UPSTREAM_ERROR …"],
        "profile": ["type": ["object", "null"], "description": "Signed links: picture_url (full size), metadata_url (the profile's JSON), expires_at"],
        "result": ["type": ["object", "null"], "description": "kind, url, username, profile_id, picture_code, title, stopped_because (end, up_to_date, since, max_posts), items [{shortcode, media_type, taken_at, files, bytes, from_storage}], skipped [{shortcode, reason}] (only when some were: reason expired, a story that ended part-way)"],
    ]]
}
