import Testing
@testable import Postgres

/// SQLSTATE constants and their `~=` matching (GRDB's `ResultCode`): a class code matches its whole class.
@Suite struct PostgresErrorCodeTests {
    typealias Code = PostgresError.Code

    @Test func aClassCodeMatchesEveryCodeOfItsClass() {
        #expect(Code.integrityConstraintViolation ~= Code.uniqueViolation)
        #expect(Code.dataException ~= Code(rawValue: "22P02"))
        #expect(Code.connectionException ~= Code.connectionFailure)
        #expect(!(Code.dataException ~= Code.uniqueViolation))
    }

    @Test func anyOtherCodeMatchesOnlyItself() {
        #expect(Code.uniqueViolation ~= Code(rawValue: "23505"))
        #expect(!(Code.uniqueViolation ~= Code.notNullViolation))
        #expect(!(Code.uniqueViolation ~= Code.integrityConstraintViolation), "a specific code does not match its class")
    }

    @Test func switchAndCatchUseTheCodes() {
        func kind(_ error: any Error) -> String {
            switch error {
            case Code.uniqueViolation: return "duplicate"
            case Code.integrityConstraintViolation: return "constraint"
            case Code.lockNotAvailable: return "busy"
            default: return "other"
            }
        }
        #expect(kind(PostgresError(.uniqueViolation, "x")) == "duplicate")
        #expect(kind(PostgresError(.foreignKeyViolation, "x")) == "constraint")
        #expect(kind(PostgresError(sqlState: "55P03", message: "x")) == "busy")
        #expect(kind(PostgresError(.internalError, "x")) == "other")
        #expect(kind(CancellationError()) == "other")
    }

    @Test func connectionFailuresAreTheWholeClassAndShutdowns() {
        for state in ["08000", "08001", "08003", "08006", "57P01", "57P03"] {
            #expect(PostgresError(sqlState: state, message: "").isConnectionFailure, "\(state)")
        }
        for state in ["57014", "23505", "XX000"] {
            #expect(!PostgresError(sqlState: state, message: "").isConnectionFailure, "\(state)")
        }
    }

    @Test func descriptionCarriesNoMessageDetailOrQuery() {
        let error = PostgresError(.uniqueViolation, "duplicate key value violates unique constraint \"api_users_name_key\"",
                                  detail: "Key (name)=(s3cret-value) already exists.", query: "INSERT INTO api_users (name) VALUES ($1)")
        #expect(error.description == "PostgreSQL error 23505 (unique_violation)")
        #expect(!"\(error)".contains("s3cret"))
        #expect(String(reflecting: error).contains("s3cret-value"), "debugDescription has everything")
        #expect(String(reflecting: error).contains("INSERT INTO api_users"))
        #expect(PostgresError(sqlState: "2F003", message: "m").description == "PostgreSQL error 2F003")
    }
}
