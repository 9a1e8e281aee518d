/// One result row: column values in text form, read by column name into typed values.
public struct PostgresRow: Sendable {
    let columns: PostgresColumns
    let values: [String?]

    /// Whether the result has a column of that name.
    public func contains(_ column: String) -> Bool { columns.index[column] != nil }

    /// The raw text of a column, nil for NULL; throws `.undefinedColumn` when the result has no such column.
    public func text(_ column: String) throws(PostgresError) -> String? {
        guard let index = columns.index[column] else {
            throw PostgresError(.undefinedColumn, "column '\(column)' is not in the result (\(columns.names.joined(separator: ", ")))")
        }
        return values[index]
    }

    /// Decodes a non-null column; throws when it is missing, NULL or does not parse as `T`.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard let text = try text(column) else {
            throw PostgresError(.nullValueNotAllowed, "column '\(column)' is NULL")
        }
        guard let value = T(postgresText: text) else {
            throw PostgresError(.invalidTextRepresentation, "column '\(column)' is not a valid \(T.self)")
        }
        return value
    }

    /// Decodes a nullable column (nil for NULL); throws when it is missing or does not parse as `T`.
    public func decodeIfPresent<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T? {
        guard try text(column) != nil else { return nil }
        return try decode(column, as: type)
    }

    /// The row as a record.
    public func decode<Record: PostgresRecord>(as type: Record.Type) throws(PostgresError) -> Record {
        try Record(row: self)
    }

    /// The columns whose names start with `prefix`, named without it: a second record of one row (a join's
    /// table returned as `account__id`, `account__user_id`, ... beside the first record's own `id`, `user_id`).
    public func unprefixed(_ prefix: String) -> PostgresRow {
        var names: [String] = [], kept: [String?] = []
        for (position, name) in columns.names.enumerated() where name.hasPrefix(prefix) {
            names.append(String(name.dropFirst(prefix.count)))
            kept.append(values[position])
        }
        return PostgresRow(columns: PostgresColumns(names), values: kept)
    }
}
