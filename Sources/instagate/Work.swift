import App
import ArgumentParser
import Foundation
import Jobs
import Observability

/// `instagate work`: the worker process that runs queued jobs (follower analyses, maintenance).
struct Work: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run queued jobs: N job slots, each with its own PostgreSQL connection; SIGTERM stops it gracefully.")

    @Option(help: "Job slots (threads); default INSTAGATE_WORKER_CONCURRENCY or 4.")
    var concurrency: Int?

    @Option(help: """
        Serve Prometheus metrics (GET /metrics, plain HTTP) on this loopback HOST:PORT: 127.0.0.1:PORT, localhost:PORT \
        or [::1]:PORT; default INSTAGATE_WORKER_METRICS_LISTEN, unset: none.
        """)
    var metricsListen: String?

    @Option(help: "Benchmark instead: enqueue this many no-op jobs, run them, print jobs/s and double runs, exit.")
    var benchJobs: Int?

    func validate() throws {
        if let concurrency, !(1...256).contains(concurrency) { throw ValidationError("--concurrency must be 1 to 256") }
        if let benchJobs, !(1...10_000_000).contains(benchJobs) { throw ValidationError("--bench-jobs must be 1 to 10000000") }
        if let metricsListen, LoopbackAddress(parsing: metricsListen) == nil {
            throw ValidationError("--metrics-listen must be \(LoopbackAddress.expected)")
        }
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
        var metrics: WorkerMetrics?
        if let address = metricsListen.flatMap(LoopbackAddress.init(parsing:)) ?? configuration.jobs.metricsListen {
            do {
                metrics = try WorkerApplication.serveMetrics(on: address, logger: logger)
            } catch {
                logger.critical("cannot serve metrics", metadata: [.address: "\(address)", .error: "\(error)"])
                throw ExitCode(1)
            }
        }
        let worker = WorkerApplication.makeWorker(configuration: configuration, concurrency: concurrency, logger: logger,
                                                  metrics: metrics)
        logger.info("worker started", metadata: [.slots: "\(worker.configuration.concurrency)",
                                                 .workerID: "\(worker.configuration.workerID)"])
        let (signal, inTime) = worker.runUntilSignalled()
        logger.info("worker stopped", metadata: [.signal: "\(signal)", .inTime: "\(inTime)"])
        if !inTime { throw ExitCode(1) }
    }
}
