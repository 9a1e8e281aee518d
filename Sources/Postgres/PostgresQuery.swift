/// A SQL statement whose interpolated values become bound parameters (`$1`, `$2`, ...), so a value can
/// never change the statement. Raw SQL text must be asked for by name with `unsafeSQL:`.
///
///     try db.query("SELECT id FROM api_keys WHERE key_hash = \(hash) AND revoked_at IS NULL")
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation {
    /// The SQL text with `$n` placeholders.
    public private(set) var sql: String
    /// The parameters' text forms, in `$n` order (nil: NULL).
    public private(set) var binds: [String?]

    /// A statement without parameters.
    public init(stringLiteral value: String) {
        sql = value
        binds = []
    }

    /// A statement whose interpolated values are parameters.
    public init(stringInterpolation: StringInterpolation) {
        sql = stringInterpolation.sql
        binds = stringInterpolation.binds
    }

    /// A statement from trusted text and explicit parameters.
    public init(unsafeSQL sql: String, binds: [any PostgresEncodable] = []) {
        self.sql = sql
        self.binds = binds.map(\.postgresText)
    }

    /// Builds the SQL text and the binds of an interpolated statement.
    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [String?] = []

        /// Reserves room for the literal text and three characters per placeholder.
        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        /// SQL text as written in the literal.
        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// A value: becomes the next `$n`.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            binds.append(value.postgresText)
            sql += "$\(binds.count)"
        }

        /// Trusted SQL text spliced as is (identifiers from code, never user input).
        public mutating func appendInterpolation(unsafeSQL text: String) {
            sql += text
        }

        /// Another statement run in the same round trip, as the first common table expression `along AS (...), `
        /// (nothing for nil): write it straight after `WITH`, before any value, so its own `$n` keep their numbers.
        /// A data-modifying statement there runs once whatever the rest of the statement does.
        public mutating func appendInterpolation(leading statement: PostgresQuery?) {
            guard let statement else { return }
            precondition(binds.isEmpty, "a leading statement comes before any value of the statement it joins")
            sql += "along AS (" + statement.sql + "), "
            binds = statement.binds
        }
    }
}
