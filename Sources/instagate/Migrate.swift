import App
import ArgumentParser
import Postgres

/// `instagate migrate`: apply the numbered migrations in INSTAGATE_SQL_DIR.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply database migrations (sql/NNN_name.sql) and say what was done.")

    func run() throws {
        let (configuration, logger) = try Environment.start(label: "instagate.migrate")
        let db = try PostgresConnection(conninfo: configuration.databaseURL, applicationName: "instagate-migrate")
        let report = try Migrator(directory: configuration.sqlDirectory, logger: logger).migrate(db)
        for migration in report.applied {
            print("applied \(migration.file)")
        }
        for version in report.changed {
            print("warning: migration \(version) was changed after it was applied; it is not run again")
        }
        print(report.applied.isEmpty
              ? "database is up to date (\(report.alreadyApplied) migrations)"
              : "applied \(report.applied.count) migration(s); \(report.alreadyApplied) were already applied")
    }
}
