/// A PostgreSQL failure: its SQLSTATE `code`, the server's message and detail, and the statement (never its
/// parameters). Catch a class of failures by code: `catch PostgresError.Code.uniqueViolation { ... }`.
///
/// `description` is generic on purpose (as PostgresNIO's `PSQLError`): server messages and details can quote
/// values (`Key (name)=(...)`, `invalid input syntax for type integer: "..."`), so only the SQLSTATE is in it.
/// `debugDescription` (`String(reflecting:)`) has everything, for trusted output such as migrations.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The SQLSTATE.
    public var code: Code
    /// The server's primary message, or the client's; may quote values: log it only where values may go.
    public var message: String
    /// The server's detail line, if any; may quote values.
    public var detail: String?
    /// The SQL text with `$n` placeholders; bound values are not kept.
    public var query: String?

    /// An error with `code`.
    public init(_ code: Code, _ message: String, detail: String? = nil, query: String? = nil) {
        self.code = code
        self.message = message
        self.detail = detail
        self.query = query
    }

    /// An error from a five-character SQLSTATE (`23505`).
    public init(sqlState: String, message: String, detail: String? = nil, query: String? = nil) {
        self.init(Code(rawValue: sqlState), message, detail: detail, query: query)
    }

    /// The five-character SQLSTATE, for log metadata.
    public var sqlState: String { code.rawValue }

    /// SQLSTATE class 08 (connection exception), or a server that is shutting down or starting (57P01, 57P03).
    public var isConnectionFailure: Bool {
        switch code {
        case .connectionException, .adminShutdown, .cannotConnectNow: return true
        default: return false
        }
    }

    /// 40001 or 40P01: a serialization failure or a deadlock, worth retrying the transaction.
    public var isTransient: Bool {
        switch code {
        case .serializationFailure, .deadlockDetected: return true
        default: return false
        }
    }

    /// `PostgreSQL error 23505 (unique_violation)`: the SQLSTATE only, never a message or a value.
    public var description: String { "PostgreSQL error \(code)" }

    /// Everything: SQLSTATE, message, detail and the statement (placeholders, not values).
    public var debugDescription: String {
        "PostgreSQL error \(code): \(message)" + (detail.map { " (\($0))" } ?? "") + (query.map { " [\($0.prefix(200))]" } ?? "")
    }

    static func connection(_ message: String) -> PostgresError {
        PostgresError(.connectionFailure, message)
    }
}
