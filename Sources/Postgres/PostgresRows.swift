/// The rows of a result and how many rows a command touched.
public struct PostgresRows: Sendable, Sequence {
    /// The rows, in the order the server sent them.
    public let rows: [PostgresRow]
    /// `PQcmdTuples`: rows inserted/updated/deleted (0 for other commands).
    public let affectedRows: Int
    /// The statement (placeholders only), for errors.
    let query: String?

    init(rows: [PostgresRow], affectedRows: Int, query: String? = nil) {
        self.rows = rows
        self.affectedRows = affectedRows
        self.query = query
    }

    /// Iterates over the rows.
    public func makeIterator() -> IndexingIterator<[PostgresRow]> { rows.makeIterator() }
    /// The first row, nil when there is none.
    public var first: PostgresRow? { rows.first }
    /// How many rows there are.
    public var count: Int { rows.count }
    /// Whether there is no row.
    public var isEmpty: Bool { rows.isEmpty }

    /// The only row, nil when there is none; throws `.tooManyRows` when there are more.
    public func atMostOne() throws(PostgresError) -> PostgresRow? {
        guard rows.count <= 1 else {
            throw PostgresError(.tooManyRows, "the statement returned \(rows.count) rows where at most one was expected", query: query)
        }
        return rows.first
    }

    /// The only row; throws `.noDataFound` when there is none and `.tooManyRows` when there are more
    /// (where `rows[0]` would crash).
    public func exactlyOne() throws(PostgresError) -> PostgresRow {
        guard let row = try atMostOne() else {
            throw PostgresError(.noDataFound, "the statement returned no row where one was expected", query: query)
        }
        return row
    }

    /// Every row as a record.
    public func decode<Record: PostgresRecord>(as type: Record.Type) throws(PostgresError) -> [Record] {
        var records: [Record] = []
        records.reserveCapacity(rows.count)
        for row in rows { records.append(try Record(row: row)) }
        return records
    }
}
