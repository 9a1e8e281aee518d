extension PostgresError {
    /// A SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html). As GRDB's `ResultCode`, a class
    /// code (one ending in `000`, such as `.integrityConstraintViolation` 23000) matches every code of its class
    /// in `switch` and `catch`, any other code only itself:
    ///
    ///     do { try store.save(...) } catch PostgresError.Code.uniqueViolation { ... }
    ///     switch error.code { case .lockNotAvailable: ...; case .dataException: ...; default: throw error }
    ///
    /// Where the `do` body throws `PostgresError` only (typed throws), match `error.code` in a `switch`: Swift 6.3
    /// crashes compiling a `catch PostgresError.Code.x` pattern there.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The five characters.
        public let rawValue: String

        /// A code from its five characters.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// Whether this is a class code (`XX000`), which matches its whole class.
        public var isClass: Bool { rawValue.count == 5 && rawValue.hasSuffix("000") }

        /// The two-character class (`23` of `23505`).
        public var classPrefix: Substring { rawValue.prefix(2) }

        /// A class code matches every code of its class; any other code matches only itself.
        public static func ~= (pattern: Code, code: Code) -> Bool {
            pattern.isClass ? pattern.classPrefix == code.classPrefix : pattern == code
        }

        /// Matches a `PostgresError` whose code matches (for `catch PostgresError.Code.lockNotAvailable`).
        public static func ~= (pattern: Code, error: any Error) -> Bool {
            guard let error = error as? PostgresError else { return false }
            return pattern ~= error.code
        }

        /// `23505 (unique_violation)` for the codes named here, else the five characters.
        public var description: String { Self.names[self].map { "\(rawValue) (\($0))" } ?? rawValue }
    }
}

extension PostgresError.Code {
    /// 08000: any connection failure (class 08).
    public static let connectionException = Self(rawValue: "08000")
    /// 08006: the connection failed or was lost.
    public static let connectionFailure = Self(rawValue: "08006")
    /// 22000: any data exception (class 22): a value that does not fit, parse or convert.
    public static let dataException = Self(rawValue: "22000")
    /// 22004: a NULL where a value is required (also a NULL column decoded as a non-optional value).
    public static let nullValueNotAllowed = Self(rawValue: "22004")
    /// 22P02: text that does not parse as the type (also a column that does not decode as the Swift type).
    public static let invalidTextRepresentation = Self(rawValue: "22P02")
    /// 23000: any integrity constraint violation (class 23).
    public static let integrityConstraintViolation = Self(rawValue: "23000")
    /// 23502: NOT NULL violated.
    public static let notNullViolation = Self(rawValue: "23502")
    /// 23503: foreign key violated.
    public static let foreignKeyViolation = Self(rawValue: "23503")
    /// 23505: unique constraint violated.
    public static let uniqueViolation = Self(rawValue: "23505")
    /// 23514: check constraint violated.
    public static let checkViolation = Self(rawValue: "23514")
    /// 25001: a statement that needs no open transaction ran in one.
    public static let activeSQLTransaction = Self(rawValue: "25001")
    /// 40001: serialization failure, worth retrying the transaction.
    public static let serializationFailure = Self(rawValue: "40001")
    /// 40P01: deadlock detected, worth retrying the transaction.
    public static let deadlockDetected = Self(rawValue: "40P01")
    /// 42703: the column is not in the table, or (client side) not in the result.
    public static let undefinedColumn = Self(rawValue: "42703")
    /// 42883: no such function.
    public static let undefinedFunction = Self(rawValue: "42883")
    /// 55P03: a lock was not granted within `lock_timeout` (or `NOWAIT`).
    public static let lockNotAvailable = Self(rawValue: "55P03")
    /// 57014: the statement was cancelled (`statement_timeout`).
    public static let queryCanceled = Self(rawValue: "57014")
    /// 57P01: the server is shutting down.
    public static let adminShutdown = Self(rawValue: "57P01")
    /// 57P03: the server is starting or in recovery and accepts no connections yet.
    public static let cannotConnectNow = Self(rawValue: "57P03")
    /// P0002: a statement that had to return a row returned none.
    public static let noDataFound = Self(rawValue: "P0002")
    /// P0003: a statement that had to return one row returned more.
    public static let tooManyRows = Self(rawValue: "P0003")
    /// XX000: an internal error (also a failure libpq reports without a SQLSTATE).
    public static let internalError = Self(rawValue: "XX000")

    static let names: [Self: String] = [
        .connectionException: "connection_exception", .connectionFailure: "connection_failure",
        .dataException: "data_exception", .nullValueNotAllowed: "null_value_not_allowed",
        .invalidTextRepresentation: "invalid_text_representation",
        .integrityConstraintViolation: "integrity_constraint_violation", .notNullViolation: "not_null_violation",
        .foreignKeyViolation: "foreign_key_violation", .uniqueViolation: "unique_violation", .checkViolation: "check_violation",
        .activeSQLTransaction: "active_sql_transaction", .serializationFailure: "serialization_failure",
        .deadlockDetected: "deadlock_detected", .undefinedColumn: "undefined_column", .undefinedFunction: "undefined_function",
        .lockNotAvailable: "lock_not_available", .queryCanceled: "query_canceled", .adminShutdown: "admin_shutdown",
        .cannotConnectNow: "cannot_connect_now", .noDataFound: "no_data_found", .tooManyRows: "too_many_rows",
        .internalError: "internal_error",
    ]
}
