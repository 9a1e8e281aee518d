import Foundation
import Testing
@testable import Postgres

@Suite struct PostgresCodingTests {
    @Test func interpolatedValuesBecomeBinds() {
        let name = "x'); DROP TABLE api_keys; --"
        let id: Int64 = 7
        let query: PostgresQuery = "SELECT * FROM t WHERE name = \(name) AND id = \(id) AND flag = \(true)"
        #expect(query.sql == "SELECT * FROM t WHERE name = $1 AND id = $2 AND flag = $3")
        #expect(query.binds == [name, "7", "t"])
    }

    @Test func nilBindsAreNull() {
        let missing: String? = nil
        let query: PostgresQuery = "SELECT \(missing as String?)"
        #expect(query.binds == [nil])
    }

    @Test func byteaRoundTrips() {
        let bytes = PostgresBytes([0, 1, 0xAB, 0xFF])
        #expect(bytes.postgresText == "\\x0001abff")
        #expect(PostgresBytes(postgresText: "\\x0001abff") == bytes)
        #expect(PostgresBytes(postgresText: "\\x0g") == nil)
    }

    @Test(arguments: [
        ("2026-11-23 17:49:53+00", 1_795_456_193.0),
        ("2026-11-23 17:49:53.25+00", 1_795_456_193.25),
        ("2026-11-24 02:49:53+09", 1_795_456_193.0),
        ("2026-11-23 12:19:53.5-05:30", 1_795_456_193.5),
        ("1970-01-01 00:00:00+00", 0.0),
        ("2000-02-29 00:00:00+00", 951_782_400.0),
    ])
    func decodesTimestamps(text: String, epoch: Double) throws {
        let date = try #require(Date(postgresText: text))
        #expect(abs(date.timeIntervalSince1970 - epoch) < 0.0001)
    }

    @Test func rejectsNonTimestamps() {
        #expect(Date(postgresText: "yesterday") == nil)
        #expect(Date(postgresText: "") == nil)
    }

    @Test func decodesBooleansAndNumbers() {
        #expect(Bool(postgresText: "t") == true)
        #expect(Bool(postgresText: "f") == false)
        #expect(Bool(postgresText: "x") == nil)
        #expect(Int64(postgresText: "9223372036854775807") == .max)
    }

    @Test func connectionFailureHasSQLState() {
        #expect(throws: PostgresError.self) {
            try PostgresConnection(conninfo: "postgresql:///nodb?host=/nonexistent-dir", connectTimeout: 1)
        }
        do {
            _ = try PostgresConnection(conninfo: "postgresql:///nodb?host=/nonexistent-dir", connectTimeout: 1)
        } catch {
            #expect(error.sqlState == "08006")
            #expect(error.code == .connectionFailure)
            #expect(error.isConnectionFailure)
        }
    }
}
