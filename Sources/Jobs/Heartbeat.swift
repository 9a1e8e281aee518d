import Foundation
import Observability
import Postgres

/// Extends the leases of the jobs running in this worker and tells them about cancellation or a lost lease.
struct Heartbeat {
    let worker: Worker

    func run(until done: () -> Bool) {
        var connection: PostgresConnection?
        while !done() {
            Thread.sleep(forTimeInterval: worker.configuration.heartbeatInterval)
            do {
                if connection == nil { connection = try PostgresConnection(conninfo: worker.conninfo, applicationName: "instagate-heartbeat") }
                guard let connection else { continue }
                beat(JobQueue(connection: connection))
            } catch {
                worker.logger.warning("heartbeat cannot reach the database", metadata: [.error: "\(error)"])
            }
        }
    }

    private func beat(_ queue: JobQueue) {
        for job in worker.running.all {
            do {
                job.apply(try queue.heartbeat(jobID: job.jobID, leaseOwner: job.leaseOwner,
                                              leaseSeconds: worker.configuration.leaseSeconds))
            } catch {
                worker.logger.warning("heartbeat failed", metadata: [.jobID: "\(job.jobID)", .error: "\(error)"])
            }
        }
    }
}
