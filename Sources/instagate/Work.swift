import App
import ArgumentParser
import Foundation

/// `instagate work`: the worker process that runs queued jobs (follower analyses, maintenance).
struct Work: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run queued jobs: N job slots, each with its own PostgreSQL connection; SIGTERM stops it gracefully.")

    @Option(help: "Job slots (threads); default INSTAGATE_WORKER_CONCURRENCY or 4.")
    var concurrency: Int?

    @Option(help: "Benchmark instead: enqueue this many no-op jobs, run them, print jobs/s and double runs, exit.")
    var benchJobs: Int?

    func validate() throws {
        if let concurrency, !(1...256).contains(concurrency) { throw ValidationError("--concurrency must be 1 to 256") }
        if let benchJobs, !(1...10_000_000).contains(benchJobs) { throw ValidationError("--bench-jobs must be 1 to 10000000") }
    }

    func run() throws {
        let (configuration, logger) = try Environment.start(label: "instagate-worker")
        if let benchJobs {
            let (line, passed) = try WorkerApplication.benchmark(configuration: configuration, jobs: benchJobs,
                                                                 concurrency: concurrency ?? configuration.jobs.workerConcurrency,
                                                                 logger: logger)
            print(line)
            if !passed { throw ExitCode(1) }
            return
        }
        let worker = WorkerApplication.makeWorker(configuration: configuration, concurrency: concurrency, logger: logger)
        logger.info("worker started", metadata: ["slots": "\(worker.configuration.concurrency)",
                                                 "worker_id": "\(worker.configuration.workerID)"])
        let (signal, inTime) = worker.runUntilSignalled()
        logger.info("worker stopped", metadata: ["signal": "\(signal)", "in_time": "\(inTime)"])
        if !inTime { throw ExitCode(1) }
    }
}
