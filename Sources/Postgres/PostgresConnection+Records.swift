extension PostgresConnection {
    /// Runs a statement and decodes every row as `Record`.
    public func query<Record: PostgresRecord>(_ query: PostgresQuery, as type: Record.Type) throws(PostgresError) -> [Record] {
        try self.query(query).decode(as: type)
    }

    /// Runs a statement that returns at most one row: the record, or nil when there is no row; throws
    /// `.tooManyRows` when there are more (ask for `LIMIT 1` when any row will do).
    public func queryOne<Record: PostgresRecord>(_ query: PostgresQuery, as type: Record.Type) throws(PostgresError) -> Record? {
        try self.query(query).atMostOne().map { row throws(PostgresError) in try Record(row: row) }
    }

    /// Runs a statement that returns exactly one row (an aggregate, an `INSERT ... RETURNING`): the record; throws
    /// `.noDataFound` when there is no row and `.tooManyRows` when there are more.
    public func queryExactlyOne<Record: PostgresRecord>(_ query: PostgresQuery, as type: Record.Type) throws(PostgresError) -> Record {
        try Record(row: self.query(query).exactlyOne())
    }
}
