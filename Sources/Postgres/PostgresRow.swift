/// One result row: column values in text form, read by column name into typed values.
public struct PostgresRow: Sendable {
    let columns: PostgresColumns
    let values: [String?]

    /// The raw text of a column, nil for NULL. A column that is not in the result is a programming error.
    public subscript(column: String) -> String? {
        guard let index = columns.index[column] else {
            preconditionFailure("column '\(column)' is not in the result (\(columns.names))")
        }
        return values[index]
    }

    /// Decodes a non-null column; throws when it is NULL or does not parse as `T`.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard let text = self[column] else {
            throw PostgresError(sqlState: "22004", message: "column '\(column)' is NULL")
        }
        guard let value = T(postgresText: text) else {
            throw PostgresError(sqlState: "22P02", message: "column '\(column)' is not a valid \(T.self)")
        }
        return value
    }

    /// Decodes a nullable column.
    public func decodeIfPresent<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T? {
        guard self[column] != nil else { return nil }
        return try decode(column, as: type)
    }
}

/// Column names of a result, shared by its rows.
final class PostgresColumns: Sendable {
    let names: [String]
    let index: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        self.index = index
    }
}

/// The rows of a result and how many rows a command touched.
public struct PostgresRows: Sendable, Sequence {
    public let rows: [PostgresRow]
    /// `PQcmdTuples`: rows inserted/updated/deleted (0 for other commands).
    public let affectedRows: Int

    public func makeIterator() -> IndexingIterator<[PostgresRow]> { rows.makeIterator() }
    public var first: PostgresRow? { rows.first }
    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }
}
