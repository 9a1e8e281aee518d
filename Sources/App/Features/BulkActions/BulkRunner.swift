import Foundation
import Instagram
import Jobs
import Postgres

/// One attempt of a bulk job over its run: settles an item a killed attempt left `sending`, then does the
/// pending ones in order, each with `BulkStep`, saving progress after each.
struct BulkRunner {
    let run: BulkRun
    let jobID: Int64
    let context: JobContext
    let services: AppServices
    let box: SecretBox

    var store: BulkStore { BulkStore(db: context.connection) }

    /// What one item led to.
    enum Outcome {
        /// On to the next item.
        case next
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
            guard try store.owns(runID: run.id, jobID: jobID) else { return #"{"ended":"the run was paused or cancelled"}"# }
            guard let item = try store.nextOpen(runID: run.id) else {
                try store.end(runID: run.id, jobID: jobID, state: "completed", code: nil, message: nil)
                return #"{"ended":"completed"}"#
            }
            let step = BulkStep(run: run, jobID: jobID, item: item, context: context, services: services, box: box)
            switch try item.state == "sending" ? step.settle() : step.perform() {
            case .next:
                try context.progress(try store.counts(runID: run.id))
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
