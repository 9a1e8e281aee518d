import Foundation
import Instagram
import Jobs
import Postgres

/// Works through a bulk run (`bulk_action`): one target at a time, paced, within the account's daily limits,
/// until every target is done, the run is paused or cancelled, or Instagram blocks the account (the run stops).
/// A job that finds the run no longer its own (paused, cancelled, resumed by another job) ends quietly.
final class BulkActionJob: JobHandler {
    static let name = "bulk_action"
    /// Attempts: a run waiting for its daily limit uses one per wait.
    static let maxAttempts = 50

    struct Arguments: Codable {
        var runID: Int64
        enum CodingKeys: String, CodingKey { case runID = "run_id" }
    }

    let services: AppServices

    init(services: AppServices) { self.services = services }

    static func kind(services: AppServices) -> JobKind {
        JobKind(name: name) { BulkActionJob(services: services) }
    }

    /// Queues a job for the run (in the caller's transaction); its id.
    static func enqueue(runID: Int64, userID: Int64, db: PostgresConnection) throws -> Int64 {
        try JobQueue(connection: db).enqueue(JobRequest(kind: name, ownerID: userID, args: JobJSON.encode(Arguments(runID: runID)),
                                                        maxAttempts: maxAttempts)).job.id
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        guard let arguments = JobJSON.decode(Arguments.self, from: job.args) else { return #"{"skipped":"bad arguments"}"# }
        let store = BulkStore(db: context.connection)
        guard let run = try store.find(id: arguments.runID), try store.start(runID: run.id, jobID: job.id) else {
            return #"{"skipped":"the run is not this job's"}"#
        }
        let runner = BulkRunner(run: run, jobID: job.id, context: context, services: services, box: try services.secretBox())
        return try runner.work()
    }

    /// A job that ran out of attempts stops its run with the last error.
    func finished(_ job: Job, state: JobState, context: JobContext) {
        guard state == .failed, let arguments = JobJSON.decode(Arguments.self, from: job.args) else { return }
        try? BulkStore(db: context.connection).end(runID: arguments.runID, jobID: job.id, state: "stopped",
                                                   code: job.lastErrorCode ?? "REQUEST_FAILED", message: job.lastError)
    }
}
