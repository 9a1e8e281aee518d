/// A type decoded from one result row by column name (GRDB's `FetchableRecord`): the columns it reads are named
/// in one place, and every query that selects them fetches it with `query(_:as:)`, `queryOne(_:as:)` or
/// `queryExactlyOne(_:as:)`.
///
///     struct Key: PostgresRecord {
///         var id: Int64
///         var revokedAt: Date?
///         init(row: PostgresRow) throws(PostgresError) {
///             id = try row.decode("id")
///             revokedAt = try row.decodeIfPresent("revoked_at")
///         }
///     }
///     let keys = try db.query("SELECT id, revoked_at FROM api_keys WHERE user_id = \(userID)", as: Key.self)
public protocol PostgresRecord {
    /// Decodes the row; throws `.undefinedColumn`, `.nullValueNotAllowed` or `.invalidTextRepresentation` when a
    /// column is missing, NULL where a value is required, or does not parse.
    init(row: PostgresRow) throws(PostgresError)
}
