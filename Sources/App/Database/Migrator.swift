import Crypto
import Foundation
import Logging
import Observability
import Postgres

/// Applies the numbered migrations in `sql/` (`001_name.sql`, ...) in order, each in its own
/// transaction, recorded in `schema_migrations`, under an advisory lock so two starting processes
/// never race.
public struct Migrator {
    /// A migration file.
    public struct Migration: Sendable, Equatable {
        public var version: Int
        public var name: String
        public var sql: String
        public var checksum: String
        /// The file name, `002_downloads.sql`.
        public var file: String
    }

    /// What `migrate` did.
    public struct Report: Sendable {
        public var applied: [Migration]
        public var alreadyApplied: Int
        /// Applied migrations whose file changed since (reported, never re-run).
        public var changed: [Int]
    }

    /// Arbitrary but fixed: the advisory lock key that serialises migrations.
    static let lockKey: Int64 = 0x696E_7374_6167_6174

    public let directory: String
    let logger: Logger

    public init(directory: String, logger: Logger) {
        self.directory = directory
        self.logger = logger
    }

    /// Reads `NNN_name.sql` files, sorted by number; rejects duplicates and malformed names.
    public func load() throws(MigrationError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw MigrationError("cannot read the migrations directory \(directory)")
        }
        var migrations: [Migration] = []
        for file in names.sorted() where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]), version > 0 else {
                throw MigrationError("\(file): migration files are named NNN_description.sql")
            }
            guard let sql = try? String(contentsOfFile: "\(directory)/\(file)", encoding: .utf8) else {
                throw MigrationError("\(file) is not readable UTF-8")
            }
            if migrations.contains(where: { $0.version == version }) {
                throw MigrationError("two migrations have number \(version)")
            }
            let checksum = SHA256.hash(data: Data(sql.utf8)).hexEncoded
            migrations.append(Migration(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql,
                                        checksum: checksum, file: file))
        }
        return migrations.sorted { $0.version < $1.version }
    }

    /// Applies every migration not yet recorded.
    public func migrate(_ db: PostgresConnection) throws -> Report {
        let migrations = try load()
        try db.query("SELECT pg_advisory_lock(\(Migrator.lockKey))")
        defer { _ = try? db.query("SELECT pg_advisory_unlock(\(Migrator.lockKey))") }
        try db.execute(unsafeSQL: """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
        var recorded: [Int: String] = [:]
        for row in try db.query("SELECT version, checksum FROM schema_migrations") {
            recorded[try row.decode("version")] = try row.decode("checksum", as: String.self)
        }
        var report = Report(applied: [], alreadyApplied: 0, changed: [])
        for migration in migrations {
            if let checksum = recorded[migration.version] {
                report.alreadyApplied += 1
                if checksum != migration.checksum { report.changed.append(migration.version) }
                continue
            }
            try apply(migration, db)
            report.applied.append(migration)
        }
        return report
    }

    private func apply(_ migration: Migration, _ db: PostgresConnection) throws {
        logger.info("applying migration", metadata: [.file: "\(migration.file)"])
        try db.transaction { tx in
            do {
                try tx.execute(unsafeSQL: migration.sql)
            } catch let error as PostgresError {
                // Trusted SQL and no bound values: the full error (message, detail) is what the operator needs.
                throw MigrationError("migration \(migration.file) failed, nothing of it was applied: \(String(reflecting: error))")
            }
            try tx.query("""
                INSERT INTO schema_migrations (version, name, checksum)
                VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                """)
        }
    }
}

/// A migration that cannot be loaded or applied.
public struct MigrationError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
