import Testing
import TestSupport
@testable import Postgres

/// `transaction { tx in }`: committed when the closure returns, rolled back when it throws, its error unchanged;
/// nested, a savepoint.
@Suite(StackGate.condition(["INSTAGATE_TEST_DATABASE_URL"]))
struct PostgresTransactionTests {
    struct Stop: Error, Equatable {}

    func names(_ db: PostgresConnection) throws -> [String] {
        try db.query("SELECT name FROM records ORDER BY id").map { try $0.decode("name", as: String.self) }
    }

    @Test func returningCommits() throws {
        let db = try TestDatabase.connectWithTable()
        let value = try db.transaction { tx in
            #expect(tx === db)
            #expect(tx.isInTransaction)
            try tx.query("INSERT INTO records (id, name) VALUES (\(3), \("three"))")
            return 42
        }
        #expect(value == 42)
        #expect(!db.isInTransaction)
        #expect(try names(db) == ["one", "two", "three"])
    }

    @Test func throwingRollsBackAndRethrowsTheSameError() throws {
        let db = try TestDatabase.connectWithTable()
        #expect(throws: Stop()) {
            try db.transaction { tx in
                try tx.query("INSERT INTO records (id, name) VALUES (\(3), \("three"))")
                throw Stop()
            }
        }
        #expect(!db.isInTransaction)
        #expect(try names(db) == ["one", "two"])
    }

    @Test func aFailedStatementRollsBackAndIsCaughtByItsCode() throws {
        let db = try TestDatabase.connectWithTable()
        var caught = false
        do {
            try db.transaction { tx in
                try tx.query("INSERT INTO records (id, name) VALUES (\(3), \("three"))")
                try tx.query("INSERT INTO records (id, name) VALUES (\(1), \("again"))")
            }
        } catch PostgresError.Code.uniqueViolation {
            caught = true
        }
        #expect(caught)
        #expect(try names(db) == ["one", "two"])
        do {
            try db.query("INSERT INTO records (id) VALUES (\(4))")
            Issue.record("a NULL name was stored")
        } catch {
            // A typed `throws(PostgresError)` body: match the code (Swift 6.3 crashes on a `catch Code.x` pattern here).
            switch error.code {
            case .uniqueViolation: Issue.record("23502 is not 23505")
            case .integrityConstraintViolation: #expect(error.code == .notNullViolation)
            default: Issue.record("\(error.code) is not in class 23")
            }
        }
    }

    @Test func aNestedTransactionIsASavepoint() throws {
        let db = try TestDatabase.connectWithTable()
        try db.transaction { tx in
            try tx.query("INSERT INTO records (id, name) VALUES (\(3), \("three"))")
            #expect(throws: Stop()) {
                try tx.transaction { inner in
                    try inner.query("INSERT INTO records (id, name) VALUES (\(4), \("four"))")
                    throw Stop()
                }
            }
            try tx.transaction { inner in try inner.query("INSERT INTO records (id, name) VALUES (\(5), \("five"))") }
        }
        #expect(try names(db) == ["one", "two", "three", "five"])
    }
}
