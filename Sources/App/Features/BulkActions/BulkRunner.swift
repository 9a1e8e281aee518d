import Foundation
import Instagram
import Jobs
import Postgres

/// One attempt of a bulk job over its run: settles an item a killed attempt left `sending`, then does the
/// pending ones in order, each with `BulkStep`, saving progress after each. An accepted item costs five statements:
/// the run's ownership with the next item, the session with its account's standing, the unit with the item marked
/// `sending`, the outcome with its audit row and the run's counts, and the job's progress.
struct BulkRunner {
    let run: BulkRun
    let jobID: Int64
    let context: JobContext
    let services: AppServices
    let box: SecretBox

    var store: BulkStore { BulkStore(db: context.connection) }

    /// What one item led to.
    enum Outcome {
        /// On to the next item; how many items are in each state now (the item's outcome statement counted them).
        case next(counts: [String: Int])
        /// The run stops for good (a block, a challenge, a logged-out session, Instagram's 429).
        case stop(code: String, message: String)
        /// The daily limit is used up: the run waits this many seconds.
        case waitForLimit(seconds: Int, message: String)
        /// The run is no longer this job's (paused, cancelled, resumed by another job).
        case yield
    }

    func work() throws -> String? {
        while true {
            try context.checkInterruption()
            let item: BulkItem
            switch try store.next(runID: run.id, jobID: jobID) {
            case .notOwned: return #"{"ended":"the run was paused or cancelled"}"#
            case .finished:
                try store.end(runID: run.id, jobID: jobID, state: "completed", code: nil, message: nil)
                return #"{"ended":"completed"}"#
            case .item(let open): item = open
            }
            let step = BulkStep(run: run, jobID: jobID, item: item, context: context, services: services, box: box)
            switch try item.state == "sending" ? step.settle() : step.perform() {
            case .next(let counts):
                try context.progress(counts)
            case .stop(let code, let message):
                try store.end(runID: run.id, jobID: jobID, state: "stopped", code: code, message: message)
                return JobJSON.encode(["ended": "stopped", "error_code": code])
            case .waitForLimit(let seconds, let message):
                try store.waitForLimit(runID: run.id, jobID: jobID, resumesAt: Date().addingTimeInterval(Double(seconds)), message: message)
                throw JobFailure(code: "RATE_LIMIT_EXCEEDED", message: message, isRetryable: true, retryAfter: Double(seconds))
            case .yield:
                return #"{"ended":"the run was paused or cancelled"}"#
            }
        }
    }
}
