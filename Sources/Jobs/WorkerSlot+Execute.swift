import Foundation
import Logging
import Observability
import Postgres

extension WorkerSlot {
    /// Runs one claimed job and records how it ended. With `claimNext`, a completed job of an uncapped kind
    /// is recorded together with the claim of the next job of that kind, which is returned to run next.
    func execute(_ job: Job, connection: PostgresConnection, claimNext: Bool = false) -> Job? {
        let started = ContinuousClock.now
        var jobLogger = logger
        jobLogger[metadataKey: .jobID] = "\(job.id)"
        jobLogger[metadataKey: .kind] = "\(job.kind)"
        let running = RunningJob(jobID: job.id, leaseOwner: leaseOwner)
        worker.running.add(running)
        defer { worker.running.remove(running) }
        let context = JobContext(job: job, connection: connection, logger: jobLogger, running: running,
                                 stop: worker.stopFlag, leaseSeconds: worker.configuration.leaseSeconds)
        guard let handler = handler(for: job.kind) else {
            record(job, context: context, handler: nil, started: started,
                   failure: JobFailure(code: "UNKNOWN_KIND", message: "no handler for \(job.kind)", isRetryable: false))
            return nil
        }
        do {
            let result = try handler.run(job, context: context)
            let chain = claimNext && !worker.stopFlag.isStopped && worker.kinds[job.kind]?.policy.isCapped == false
            let along = context.alongCompletion
            let (completed, next) = chain
                ? try context.queue.completeAndClaimNext(jobID: job.id, leaseOwner: leaseOwner, result: result, kind: job.kind,
                                                         leaseSeconds: worker.configuration.leaseSeconds, along: along)
                : (try context.queue.complete(jobID: job.id, leaseOwner: leaseOwner, result: result, along: along), nil)
            ended(job, completed ? .completed : .leaseLost, since: started)
            if completed {
                handler.finished(job, state: .completed, context: context)
                do {
                    try scheduleNext(job, queue: context.queue)
                } catch {
                    context.logger.warning("cannot schedule the next run", metadata: [.error: "\(error)"])
                }
            }
            return next
        } catch let interruption as JobInterruption {
            interrupted(job, interruption, context: context, handler: handler)
            ended(job, interruption.outcome, since: started)
        } catch let failure as JobFailure {
            record(job, context: context, handler: handler, started: started, failure: failure)
        } catch {
            context.logger.error("job attempt failed unexpectedly", metadata: [.error: "\(error)"])
            record(job, context: context, handler: handler, started: started, failure: .unclassified(error))
        }
        return nil
    }

    /// Counts the attempt in the worker's metrics.
    private func ended(_ job: Job, _ outcome: WorkerMetrics.Outcome, since started: ContinuousClock.Instant) {
        worker.metrics?.attemptEnded(kind: job.kind, outcome: outcome, duration: ContinuousClock.now - started)
    }

    private func interrupted(_ job: Job, _ interruption: JobInterruption, context: JobContext, handler: any JobHandler) {
        do {
            switch interruption {
            case .cancelled:
                try context.queue.markCancelled(jobID: job.id, leaseOwner: leaseOwner)
                handler.finished(job, state: .cancelled, context: context)
                context.logger.info("job cancelled")
            case .paused:
                try context.queue.markPaused(jobID: job.id, leaseOwner: leaseOwner)
                context.logger.info("job paused")
            case .shutdown:
                try context.queue.release(jobID: job.id, leaseOwner: leaseOwner)
                context.logger.info("job released for another worker")
            case .leaseLost:
                context.logger.warning("lease lost: another worker has the job")
            case .postponed(let seconds, let reason):
                try context.queue.postpone(jobID: job.id, leaseOwner: leaseOwner, seconds: seconds, reason: reason)
                context.logger.info("job postponed", metadata: [.reason: "\(reason)"])
            }
        } catch {
            context.logger.error("cannot record the interruption", metadata: [.error: "\(error)"])
        }
    }

    private func record(_ job: Job, context: JobContext, handler: (any JobHandler)?, started: ContinuousClock.Instant,
                        failure: JobFailure) {
        var random = SystemRandomNumberGenerator()
        do {
            let decision = try context.queue.fail(job: job, leaseOwner: leaseOwner, failure: failure,
                                                  policy: worker.configuration.retryPolicy, random: &random)
            context.logger.notice("job attempt failed", metadata: [.code: "\(failure.code)", .decision: "\(decision)"])
            ended(job, decision == .fail ? .failed : .retried, since: started)
            if decision == .fail {
                handler?.finished(job, state: .failed, context: context)
                try scheduleNext(job, queue: context.queue)
            }
        } catch {
            context.logger.error("cannot record the failure", metadata: [.error: "\(error)"])
        }
    }

    /// A recurring kind's next run, `recurringInterval` from now.
    private func scheduleNext(_ job: Job, queue: JobQueue) throws(PostgresError) {
        guard let kind = worker.kinds[job.kind], let interval = kind.recurringInterval, job.uniqueKey == kind.recurringKey else {
            return
        }
        try queue.ensureRecurring(kind: kind.name, uniqueKey: kind.recurringKey, runAt: Date().addingTimeInterval(interval))
    }
}

extension JobInterruption {
    /// The attempt's outcome in the worker's metrics.
    var outcome: WorkerMetrics.Outcome {
        switch self {
        case .cancelled: .cancelled
        case .shutdown, .paused, .postponed: .released
        case .leaseLost: .leaseLost
        }
    }
}
