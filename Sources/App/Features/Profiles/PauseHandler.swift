import Jobs
import Web

/// `POST /api/collections/{job_id}/pause|resume` and `POST /api/watch/{id}/pause|resume`: a paused job keeps what
/// it downloaded and waits; resumed, it walks the profile again and finds the posts done in storage (no CDN
/// request for them). A running job stops after the batch of posts it is on (`pausing`, then `paused`). A watch
/// is paused by pausing its current run: it queues no further runs until resumed.
enum PauseHandler {
    @Sendable static func pauseCollection(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let job = try CollectionStatusHandler.findJob(request, context)
        return try pause(job.id, answer: ["job_id": .string(job.publicID ?? "")], context: context)
    }

    @Sendable static func resumeCollection(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let job = try CollectionStatusHandler.findJob(request, context)
        return try resume(job.id, answer: ["job_id": .string(job.publicID ?? "")], context: context)
    }

    @Sendable static func pauseWatch(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let (id, job) = try watchJob(request, context)
        return try pause(job, answer: ["id": .int(Int(id))], context: context)
    }

    @Sendable static func resumeWatch(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let (id, job) = try watchJob(request, context)
        return try resume(job, answer: ["id": .int(Int(id))], context: context)
    }

    private static func pause(_ jobID: Int64, answer: [String: JSONValue], context: UserContext) throws -> HTTPResponse {
        var body = answer.merging(["success": .bool(true)]) { $1 }
        switch try JobQueue(connection: try context.database()).requestPause(jobID: jobID) {
        case .paused:
            body["status"] = "paused"
            return .json(JSONValue.object(body))
        case .requested:
            body["status"] = "pausing"
            body["message"] = "The worker stops after the batch of posts it is on; the posts done stay downloaded and are not fetched again on resume."
            return .json(JSONValue.object(body), status: .accepted)
        case .alreadyFinished(let state):
            throw CollectionError(.jobFinished, "The job is \(state.rawValue): there is nothing to pause.")
        case .notFound:
            throw CollectionError(.jobNotFound, "No profile, stories or highlight job with that id.")
        }
    }

    private static func resume(_ jobID: Int64, answer: [String: JSONValue], context: UserContext) throws -> HTTPResponse {
        var body = answer.merging(["success": .bool(true)]) { $1 }
        switch try JobQueue(connection: try context.database()).resume(jobID: jobID) {
        case .resumed:
            body["status"] = "queued"
        case .continued:
            body["status"] = "running"
        case .notPaused(let state):
            throw CollectionError(.jobNotPaused, "The job is \(state.rawValue), not paused: there is nothing to resume.")
        case .notFound:
            throw CollectionError(.jobNotFound, "No profile, stories or highlight job with that id.")
        }
        return .json(JSONValue.object(body))
    }

    /// The watch's id and its current run's job; `WATCH_NOT_FOUND` for none of this user's.
    private static func watchJob(_ request: HTTPRequest, _ context: UserContext) throws -> (Int64, Int64) {
        guard let id = request.parameter("id").flatMap({ Int64($0) }),
              let job = try WatchStore(db: try context.database()).currentJob(userID: context.user.id, id: id) else {
            throw APIError(.notFound, "WATCH_NOT_FOUND", "No watch with that id.")
        }
        return (id, job)
    }
}
