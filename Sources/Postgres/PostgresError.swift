/// A PostgreSQL failure: the SQLSTATE, the server's message, and the statement (never its parameters).
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// Five-character SQLSTATE (`23505` unique violation, `08006` connection failure, ...).
    public var sqlState: String
    public var message: String
    public var detail: String?
    /// The SQL text with `$n` placeholders; bound values are not kept.
    public var query: String?

    public init(sqlState: String, message: String, detail: String? = nil, query: String? = nil) {
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.query = query
    }

    /// SQLSTATE class 08 (connection exception) or a connection that is gone.
    public var isConnectionFailure: Bool { sqlState.hasPrefix("08") || sqlState == "57P01" || sqlState == "57P03" }
    /// 23505: a unique constraint was violated.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// 40001/40P01: serialization failure or deadlock, worth retrying the transaction.
    public var isTransient: Bool { sqlState == "40001" || sqlState == "40P01" }

    public var description: String {
        "PostgreSQL \(sqlState): \(message)" + (query.map { " [\($0.prefix(200))]" } ?? "")
    }

    static func connection(_ message: String) -> PostgresError {
        PostgresError(sqlState: "08006", message: message)
    }
}
