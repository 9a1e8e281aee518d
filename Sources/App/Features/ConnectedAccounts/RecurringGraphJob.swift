import Foundation
import Jobs
import Logging
import Observability
import Postgres

/// A recurring worker job over the connected accounts: the token refresh, the profile refresh and the insights
/// collection. Nothing runs while no Graph app is configured; otherwise one pass gets the job's connection, the
/// secret box and a stop check (cancellation, shutdown, a lost lease) to call between accounts. Its outcome is the
/// job's result, and its count is logged.
final class RecurringGraphJob<Outcome: Encodable & Sendable>: JobHandler {
    /// One pass over the accounts that are due.
    typealias Pass = @Sendable (_ db: PostgresConnection, _ box: SecretBox, _ settings: GraphSettings, _ logger: Logger,
                                _ shouldStop: () throws -> Void) throws -> Outcome
    let settings: GraphSettings
    let secrets: Result<SecretBox, SecretBoxError>
    let logged: Logger.Message
    let count: @Sendable (Outcome) -> Int
    let pass: Pass

    init(settings: GraphSettings, secrets: Result<SecretBox, SecretBoxError>, logged: Logger.Message,
         count: @escaping @Sendable (Outcome) -> Int, pass: @escaping Pass) {
        self.settings = settings
        self.secrets = secrets
        self.logged = logged
        self.count = count
        self.pass = pass
    }

    /// The job kind `name`, run every `interval` seconds; `logged` is the line its runs log with `count` of the outcome.
    static func kind(name: String, interval: Double, settings: GraphSettings, secrets: Result<SecretBox, SecretBoxError>,
                     logged: String, count: @escaping @Sendable (Outcome) -> Int, pass: @escaping Pass) -> JobKind {
        JobKind(name: name, recurringInterval: interval) {
            RecurringGraphJob(settings: settings, secrets: secrets, logged: "\(logged)", count: count, pass: pass)
        }
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        guard !settings.enabledFlavours.isEmpty else { return nil }
        let outcome = try pass(context.connection, try secrets.get(), settings, context.logger) { try context.checkInterruption() }
        context.logger.info(logged, metadata: [.count: "\(count(outcome))"])
        return JobJSON.encode(outcome)
    }
}
