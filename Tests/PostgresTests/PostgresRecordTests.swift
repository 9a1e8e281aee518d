import Testing
import TestSupport
@testable import Postgres

/// Rows decoded into records by column name, and the one-row accessors that throw instead of crashing.
@Suite(StackGate.condition(["INSTAGATE_TEST_DATABASE_URL"]))
struct PostgresRecordTests {
    struct Item: PostgresRecord, Equatable {
        var id: Int
        var name: String
        var note: String?

        init(id: Int, name: String, note: String?) {
            self.id = id
            self.name = name
            self.note = note
        }

        init(row: PostgresRow) throws(PostgresError) {
            id = try row.decode("id")
            name = try row.decode("name")
            note = try row.decodeIfPresent("note")
        }
    }

    @Test func rowsDecodeByColumnNameInAnyOrder() throws {
        let db = try TestDatabase.connectWithTable()
        let items = try db.query("SELECT note, name, id FROM records ORDER BY id", as: Item.self)
        #expect(items == [Item(id: 1, name: "one", note: "first"), Item(id: 2, name: "two", note: nil)])
        #expect(try db.query("SELECT id, name, note FROM records WHERE id > \(5)", as: Item.self).isEmpty)
    }

    @Test func queryOneIsTheRowOrNil() throws {
        let db = try TestDatabase.connectWithTable()
        #expect(try db.queryOne("SELECT id, name, note FROM records WHERE id = \(2)", as: Item.self)
                == Item(id: 2, name: "two", note: nil))
        #expect(try db.queryOne("SELECT id, name, note FROM records WHERE id = \(9)", as: Item.self) == nil)
        #expect(throws: PostgresError.self) {
            try db.queryOne("SELECT id, name, note FROM records", as: Item.self)
        }
    }

    @Test func aLeadingStatementRunsWithItsOwnValuesAndAPrefixReadsASecondRecord() throws {
        let db = try TestDatabase.connectWithTable()
        let lead: PostgresQuery = "UPDATE records SET note = \("led") WHERE id = \(2)"
        let row = try db.query("""
            WITH \(leading: lead)picked AS (SELECT id, name, note FROM records WHERE id = \(1))
            SELECT picked.*, \(5) AS other__id, 'five' AS other__name, NULL::text AS other__note FROM picked
            """).exactlyOne()
        #expect(try row.decode(as: Item.self) == Item(id: 1, name: "one", note: "first"))
        #expect(try row.unprefixed("other__").decode(as: Item.self) == Item(id: 5, name: "five", note: nil))
        #expect(try db.queryOne("SELECT id, name, note FROM records WHERE id = \(2)", as: Item.self)?.note == "led")
        let none: PostgresQuery? = nil
        #expect(try db.query("WITH \(leading: none)one AS (SELECT \(1) AS n) SELECT n FROM one").exactlyOne().decode("n", as: Int.self) == 1)
    }

    @Test func exactlyOneThrowsNoDataFoundOrTooManyRows() throws {
        let db = try TestDatabase.connectWithTable()
        #expect(try db.queryExactlyOne("SELECT id, name, note FROM records WHERE id = \(1)", as: Item.self).name == "one")
        #expect(try db.query("SELECT count(*) AS n FROM records").exactlyOne().decode("n", as: Int.self) == 2)
        do {
            _ = try db.queryExactlyOne("SELECT id, name, note FROM records WHERE id = \(9)", as: Item.self)
            Issue.record("no row did not throw")
        } catch {
            #expect(error.code == .noDataFound)
            #expect(error.query == "SELECT id, name, note FROM records WHERE id = $1")
        }
        do {
            _ = try db.query("SELECT id FROM records").exactlyOne()
            Issue.record("two rows did not throw")
        } catch {
            #expect(error.code == .tooManyRows)
        }
    }

    @Test func aMissingNullOrUnparsableColumnIsAnErrorNotACrash() throws {
        let db = try TestDatabase.connectWithTable()
        let checks: [(PostgresQuery, PostgresError.Code)] = [
            ("SELECT id, name FROM records WHERE id = 1", .undefinedColumn),
            ("SELECT id, NULL::text AS name, note FROM records WHERE id = 1", .nullValueNotAllowed),
            ("SELECT 'x' AS id, name, note FROM records WHERE id = 1", .invalidTextRepresentation),
        ]
        for (query, code) in checks {
            do {
                _ = try db.queryOne(query, as: Item.self)
                Issue.record("\(query.sql) did not throw")
            } catch {
                #expect(error.code == code, "\(query.sql)")
                #expect(PostgresError.Code.dataException ~= error.code || code == .undefinedColumn)
            }
        }
    }
}
