import Foundation
import Postgres

/// The migrated PostgreSQL of `deploy/test` (INSTAGATE_TEST_DATABASE_URL); the database tests are skipped without it.
enum TestDatabase {
    static var url: String? {
        ProcessInfo.processInfo.environment["INSTAGATE_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A new connection with a temporary table `name (id int PRIMARY KEY, name text NOT NULL, note text)`
    /// holding rows 1 `one` and 2 `two` (note NULL): the table goes with the connection.
    static func connectWithTable(_ name: String = "records") throws -> PostgresConnection {
        let db = try PostgresConnection(conninfo: url ?? "", applicationName: "instagate-postgres-tests")
        try db.execute(unsafeSQL: """
            CREATE TEMPORARY TABLE \(name) (id int PRIMARY KEY, name text NOT NULL, note text);
            INSERT INTO \(name) VALUES (1, 'one', 'first'), (2, 'two', NULL)
            """)
        return db
    }
}
