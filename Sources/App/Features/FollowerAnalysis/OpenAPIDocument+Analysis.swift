import Web

extension OpenAPIDocument {
    /// Paths of the follower-analysis and job endpoints (issue 5).
    static var analysisPaths: [String: JSONValue] {
        let jobID = pathParameter("job_id", "The analysis job id: the first 16 hex characters of SHA-256(\"csrf_token:session_id\")")
        let notFound: [String: JSONValue?] = ["404": errorResponse("No job with that id, or another user's (JOB_NOT_FOUND)")]
        return [
            "/api/analyze": ["post": analyzeOperation],
            "/api/status/{job_id}": ["get": operation(
                "analysisStatus", "State, progress, queue position and, when completed, the lists (paged; CSV with Accept: text/csv or format=csv)",
                ok: nil, auth: true, parameters: [jobID, query("list", "Only this list: followers, following, unfollowers, fans, mutual"),
                                                  query("cursor", "The next_cursor of the previous page"),
                                                  query("limit", "Users per list page, 1-1000 (default 100)", integer: true),
                                                  query("format", "json (default) or csv")],
                extra: notFound.merging(["409": errorResponse("CSV of a job that has not completed (JOB_NOT_COMPLETED), or a job without stored results (RESULTS_UNAVAILABLE)"),
                                         "422": errorResponse("list, format, limit or cursor is not valid (VALIDATION_ERROR); errors names each")]) { a, _ in a })],
            "/api/queue": ["get": operation(
                "analysisQueue", "Analyses running and queued, and the caps (also as active_sessions, max_concurrent, queued_jobs, active_session_ids, total_jobs_in_memory)",
                ok: nil, auth: true)],
            "/api/jobs": ["get": operation(
                "listAnalysisJobs", "This user's analysis jobs: jobs keyed by job id (status, created_at in unix seconds, position_in_queue), items newest first, total_jobs, active_sessions_count, queue_length",
                ok: nil, auth: true)],
            "/api/health": ["get": operation(
                "apiHealth", "The follower-analysis service's health (no key needed): status healthy, timestamp, active_jobs, queued_jobs, and /health's fields",
                ok: nil, auth: false, extra: ["503": ["description": "The database is unavailable (status degraded)",
                                                      "content": ["application/json": ["schema": ["type": "object"]]]]])],
            "/api/job/{job_id}": ["delete": operation(
                "deleteAnalysisJob", "Cancel a queued or running job (202 while the worker stops it), or remove a finished one; answers message, deleted_job_status, remaining_jobs",
                ok: nil, auth: true, parameters: [jobID],
                extra: notFound.merging(["202": ["description": "Cancellation requested"]]) { a, _ in a })],
            "/api/debug/{job_id}": ["get": operation(
                "analysisJobDebug", "status, created_at (unix seconds), position_in_queue, processing_time (seconds), and the job's event log: attempts, pages, backoffs, errors (never a cookie)",
                ok: nil, auth: true, parameters: [jobID], extra: notFound)],
            "/api/cleanup": ["post": operation("cleanupAnalysisJobs", "Remove this user's finished jobs now", ok: nil, auth: true)],
            "/api/analyses/{username}/changes": ["get": operation(
                "analysisChanges", "Who started and stopped following between two snapshots of an account",
                ok: nil, auth: true,
                parameters: [pathParameter("username", "The analysed account"),
                             query("since", "Compare with the last snapshot at or before this time (ISO 8601 or unix seconds)")],
                extra: ["404": errorResponse("No completed analysis of that account (NOT_FOUND)"),
                        "409": errorResponse("Fewer than two completed analyses (NOT_ENOUGH_SNAPSHOTS)"),
                        "422": errorResponse("since is not an ISO 8601 time or unix seconds (VALIDATION_ERROR)")])],
        ]
    }

    static var analyzeOperation: JSONValue {
        guard case .object(var op) = operation(
            "analyze", "Queue a follower analysis of the session's account (or `username`), with the session's cookies or a saved session (`session`)", ok: nil, auth: true,
            extra: ["202": linking(["description": "Queued", "content": ["application/json": ["schema": ["type": "object"]]]],
                                   [("AnalysisStatus", "analysisStatus", "job_id", "$response.body#/job_id"),
                                    ("AnalysisJobDebug", "analysisJobDebug", "job_id", "$response.body#/job_id"),
                                    ("DeleteAnalysisJob", "deleteAnalysisJob", "job_id", "$response.body#/job_id")]),
                    "200": nil, "400": ref("BadRequest"), "413": ref("PayloadTooLarge"), "415": ref("UnsupportedMediaType"),
                    "422": ref("ValidationError"),
                    "409": errorResponse("This session already has a job: queued or running (JOB_ALREADY_RUNNING) or finished and not yet cleaned up (JOB_ALREADY_EXISTS); the body also carries error, job_id and status")]) else {
            return .null
        }
        op["requestBody"] = ["required": true, "content": ["application/json": ["schema": [
            "type": "object", "additionalProperties": false,
            "description": "Either csrf_token and session_id, or session (the username of one of your saved Instagram sessions)",
            "properties": [
                "csrf_token": ["type": "string", "minLength": 1, "maxLength": 256],
                "session_id": ["type": "string", "minLength": 1, "maxLength": 1024],
                "session": ["type": ["string", "null"], "pattern": "^[A-Za-z0-9._]{1,30}$",
                            "description": "A saved Instagram session's username, instead of session_id and csrf_token; null: absent"],
                "username": ["type": ["string", "null"], "pattern": "^[A-Za-z0-9._]{1,30}$",
                             "description": "The account to analyse; absent or null: the session's own"],
            ],
        ]]]]
        return .object(op)
    }

    static func query(_ name: String, _ description: String, integer: Bool = false) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "description": .string(description),
         "schema": ["type": integer ? "integer" : "string"]]
    }
}
