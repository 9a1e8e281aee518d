import Foundation
import Jobs
import Postgres
import Web

/// `POST /api/instagram/bulk` and `GET/DELETE /api/instagram/bulk/{job_id}`, `POST .../pause|resume` (issue 15):
/// one action on many targets as a worker job, paced and within the account's daily limits.
enum BulkHandler {
    static let notFound = APIError(.notFound, "NOT_FOUND", "No bulk job with that id.")

    @Sendable static func create(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let parsed = try BulkRequest.parse(request)
        let db = try context.database()
        let sessions = try InstagramSessionStore(db: db, box: context.services.secretBox())
        guard let acting = try sessions.acting(userID: context.user.id, username: parsed.username) else {
            throw ActionError(kind: .sessionNotFound(parsed.username))
        }
        if acting.state != "valid" { throw ActionError(kind: .sessionMarked(state: acting.state)) }
        let items = try BulkSource.items(parsed, acting: acting, userID: context.user.id, db: db)
        let store = BulkStore(db: db)
        let run = try db.transaction { tx throws -> BulkRun? in
            let store = BulkStore(db: tx)
            let id = try store.create(parsed, publicID: publicID(), userID: context.user.id, instagramUserID: acting.instagramUserID,
                                      source: parsed.fromAnalysis == nil ? "targets" : "analysis", items: items)
            try store.setJob(runID: id, jobID: BulkActionJob.enqueue(runID: id, userID: context.user.id, db: tx))
            return try store.find(id: id)
        }
        guard let run else { throw APIError.internalError }
        var response = HTTPResponse.json(Answer(data: try BulkView(run, store: store, withItems: false)), status: .accepted)
        response.headers["Location"] = "/api/instagram/bulk/\(run.publicID)"
        return response
    }

    @Sendable static func show(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let (run, store) = try find(request, context)
        return .json(Answer(data: try BulkView(run, store: store, withItems: request.query("items") != "false")))
    }

    /// Pauses a queued or running run: no action starts after this answer (one already sent finishes).
    @Sendable static func pause(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let (run, store) = try find(request, context)
        guard try store.pause(runID: run.id) else { throw notLive(run, wanted: "paused") }
        return try answer(run.id, store)
    }

    /// Resumes a paused run, or a stopped one (after a block expired, a session saved again) with a new job.
    @Sendable static func resume(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let (run, store) = try find(request, context)
        let resumed = try context.database().transaction { db throws -> Bool in
            let jobID = try BulkActionJob.enqueue(runID: run.id, userID: context.user.id, db: db)
            guard try BulkStore(db: db).resume(runID: run.id, jobID: jobID) else { throw notLive(run, wanted: "resumed") }
            return true
        }
        guard resumed else { throw notLive(run, wanted: "resumed") }
        return try answer(run.id, store)
    }

    /// Cancels a run that is not finished: its job stops within a second; what was done stays done.
    @Sendable static func cancel(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let (run, store) = try find(request, context)
        let (cancelled, jobID) = try store.cancel(runID: run.id)
        guard cancelled else { throw notLive(run, wanted: "cancelled") }
        if let jobID { _ = try JobQueue(connection: store.db).requestCancel(jobID: jobID) }
        return try answer(run.id, store)
    }

    static func find(_ request: HTTPRequest, _ context: UserContext) throws -> (BulkRun, BulkStore) {
        let store = BulkStore(db: try context.database())
        guard let id = request.parameter("job_id"), let run = try store.find(publicID: id, userID: context.user.id) else { throw notFound }
        return (run, store)
    }

    static func answer(_ runID: Int64, _ store: BulkStore) throws -> HTTPResponse {
        guard let run = try store.find(id: runID) else { throw notFound }
        return .json(Answer(data: try BulkView(run, store: store, withItems: false)))
    }

    static func notLive(_ run: BulkRun, wanted: String) -> APIError {
        APIError(.conflict, "INVALID_STATE", "The bulk job is \(run.state); it cannot be \(wanted) now.", errors: ["status": run.state])
    }

    /// 16 lowercase hex digits.
    static func publicID() -> String {
        String(format: "%016llx", UInt64.random(in: 1 << 60 ... UInt64.max))
    }
}
