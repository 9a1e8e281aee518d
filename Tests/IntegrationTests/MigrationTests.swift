import Foundation
import Postgres
import Testing

/// `instagate migrate` against a fresh schema of the test database.
@Suite(.threaded, .needsStack)
struct MigrationTests {
    /// A new empty schema and a database URL whose search_path puts it first.
    func freshSchema() throws -> (name: String, url: String, db: PostgresConnection) {
        let name = "mig_\(UUID().uuidString.prefix(8).lowercased())"
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        try db.execute(unsafeSQL: "CREATE SCHEMA \(name)")
        let separator = TestStack.databaseURL.contains("?") ? "&" : "?"
        return (name, TestStack.databaseURL + separator + "options=-c%20search_path%3D\(name)", db)
    }

    func tables(_ db: PostgresConnection, schema: String) throws -> Set<String> {
        Set(try db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = \(schema)")
            .map { try $0.decode("table_name", as: String.self) })
    }

    @Test func twoConcurrentMigratorsApplyEachMigrationOnce() throws {
        let (schema, url, db) = try freshSchema()
        defer { _ = try? db.execute(unsafeSQL: "DROP SCHEMA \(schema) CASCADE") }
        let results = try [0, 1].map { _ -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestStack.binary)
            process.arguments = ["migrate"]
            var env = ProcessInfo.processInfo.environment
            env["INSTAGATE_DATABASE_URL"] = url
            env["INSTAGATE_SQL_DIR"] = TestStack.sqlDirectory
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        results.forEach { $0.waitUntilExit() }
        #expect(results.allSatisfy { $0.terminationStatus == 0 })
        let versions = try db.query("SELECT version FROM \(unsafeSQL: schema).schema_migrations ORDER BY version")
            .map { try $0.decode("version", as: Int.self) }
        let files = try FileManager.default.contentsOfDirectory(atPath: TestStack.sqlDirectory).filter { $0.hasSuffix(".sql") }
        #expect(versions.count == files.count)
        #expect(Set(versions).count == versions.count)
        #expect(try tables(db, schema: schema).contains("api_keys"))
        let again = try TestStack.cli(["migrate"], environment: ["INSTAGATE_DATABASE_URL": url])
        #expect(again.out.contains("up to date"), "\(again.out)")
    }

    @Test func failingMigrationRollsBackAndStops() throws {
        let (schema, url, db) = try freshSchema()
        defer { _ = try? db.execute(unsafeSQL: "DROP SCHEMA \(schema) CASCADE") }
        let dir = NSTemporaryDirectory() + "instagate-sql-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "CREATE TABLE first_table (id int);".write(toFile: "\(dir)/001_first.sql", atomically: true, encoding: .utf8)
        try "CREATE TABLE second_table (id int); SELECT no_such_function();"
            .write(toFile: "\(dir)/002_broken.sql", atomically: true, encoding: .utf8)
        try "CREATE TABLE third_table (id int);".write(toFile: "\(dir)/003_third.sql", atomically: true, encoding: .utf8)
        let result = try TestStack.cli(["migrate"], environment: ["INSTAGATE_DATABASE_URL": url, "INSTAGATE_SQL_DIR": dir])
        #expect(result.status != 0)
        #expect(result.err.contains("002_broken"), "\(result.err)")
        #expect(result.err.contains("42883"), "the SQLSTATE is reported: \(result.err)")
        let present = try tables(db, schema: schema)
        #expect(present.contains("first_table"))
        #expect(!present.contains("second_table"), "the failed migration's statements were rolled back")
        #expect(!present.contains("third_table"), "later migrations do not run")
        let versions = try db.query("SELECT version FROM \(unsafeSQL: schema).schema_migrations").map { try $0.decode("version", as: Int.self) }
        #expect(versions == [1])
    }
}
