import App
import ArgumentParser
import Foundation
import Jobs
import Logging
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

    @Option(help: "Benchmark across processes: enqueue this many no-op jobs of --bench-kind for `--bench-drain` workers, exit.")
    var benchEnqueue: Int?

    @Option(help: "Benchmark across processes: the no-op jobs' kind, a name starting with bench. (deploy/scale).")
    var benchKind: String?

    @Option(help: """
        Benchmark across processes: run only the no-op jobs of --bench-kind until SIGTERM, then write the id of \
        every run made here to this file, one a line (a job run twice appears twice).
        """)
    var benchDrain: String?

    func validate() throws {
        if let concurrency, !(1...256).contains(concurrency) { throw ValidationError("--concurrency must be 1 to 256") }
        if let benchJobs, !(1...10_000_000).contains(benchJobs) { throw ValidationError("--bench-jobs must be 1 to 10000000") }
        if let benchEnqueue, !(1...10_000_000).contains(benchEnqueue) {
            throw ValidationError("--bench-enqueue must be 1 to 10000000")
        }
        if (benchEnqueue != nil || benchDrain != nil) != (benchKind != nil) || (benchEnqueue != nil && benchDrain != nil) {
            throw ValidationError("--bench-kind goes with one of --bench-enqueue or --bench-drain")
        }
        if let benchKind, !benchKind.hasPrefix("bench.") || benchKind.count > 64 {
            throw ValidationError("--bench-kind must start with bench. (at most 64 characters)")
        }
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
        if let benchKind {
            try runSharedBenchmark(kind: benchKind, configuration: configuration, logger: logger)
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

    /// `--bench-enqueue` or `--bench-drain`: one side of the queue benchmark across processes.
    private func runSharedBenchmark(kind: String, configuration: AppConfiguration, logger: Logger) throws {
        let benchmark = QueueBenchmark(conninfo: configuration.databaseURL, logger: logger)
        if let benchEnqueue {
            print("enqueued \(try benchmark.enqueue(kind: kind, count: benchEnqueue)) jobs of \(kind)")
        } else if let benchDrain {
            let runs = benchmark.drain(kind: kind, concurrency: concurrency ?? configuration.jobs.workerConcurrency)
            try runs.map { "\($0)\n" }.joined().write(toFile: benchDrain, atomically: true, encoding: .utf8)
        }
    }
}
