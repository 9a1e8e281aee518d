import CPostgres
import Foundation

/// One libpq connection. Not thread-safe: each thread owns its own. Statements are prepared once per
/// connection and reused; a connection that drops is re-established by `reconnectIfNeeded()`.
public final class PostgresConnection {
    /// The libpq connection string or URL (`postgresql:///instagate?host=/path`).
    public let conninfo: String
    private var connection: OpaquePointer?
    /// For the notification extension only.
    var rawConnection: OpaquePointer? { connection }
    /// How many sessions this connection has opened (1 after `init`, one more for each reconnection): a caller that
    /// set session state (`LISTEN`) notes it, and sets it again when it changed, for a new session has none of it.
    public private(set) var sessions = 0
    /// Statement names by SQL text, kept as C strings (PQexecPrepared takes one on every call).
    private var prepared: [String: ContiguousArray<CChar>] = [:]

    /// Connects, failing with SQLSTATE 08006 when the server cannot be reached.
    public init(conninfo: String, applicationName: String = "instagate", connectTimeout: Int = 3) throws(PostgresError) {
        self.conninfo = conninfo
        try connect(applicationName: applicationName, connectTimeout: connectTimeout)
    }

    deinit {
        PQfinish(connection)
    }

    private var applicationName = "instagate"
    private var connectTimeout = 3

    private func connect(applicationName: String, connectTimeout: Int) throws(PostgresError) {
        self.applicationName = applicationName
        self.connectTimeout = connectTimeout
        PQfinish(connection)
        prepared.removeAll()
        let keys = ["dbname", "application_name", "connect_timeout"]
        let values = [conninfo, applicationName, String(connectTimeout)]
        connection = withCStrings(keys) { keyPointers in
            withCStrings(values) { valuePointers in
                PQconnectdbParams(keyPointers, valuePointers, 1)
            }
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = lastMessage()
            PQfinish(connection)
            connection = nil
            throw PostgresError.connection(message)
        }
        sessions += 1
        // Session settings the decoders rely on (set here, not in `options`, so a URL's own options stay).
        PQclear(PQexec(connection, "SET TimeZone = 'UTC'; SET DateStyle = 'ISO'; SET client_min_messages = 'warning'"))
    }

    /// Whether the connection is up as far as libpq knows.
    public var isConnected: Bool { connection != nil && PQstatus(connection) == CONNECTION_OK }

    /// Re-establishes a connection that was lost; a no-op on a healthy one.
    public func reconnectIfNeeded() throws(PostgresError) {
        if !isConnected { try connect(applicationName: applicationName, connectTimeout: connectTimeout) }
    }

    /// Runs a statement with bound parameters (prepared on first use on this connection).
    @discardableResult
    public func query(_ query: PostgresQuery) throws(PostgresError) -> PostgresRows {
        try consume(send(query), sql: query.sql)
    }

    /// Runs a statement (prepared on first use) and returns how many rows it returned or affected,
    /// without decoding them: for health checks and statements whose rows nobody reads.
    @discardableResult
    public func run(_ query: PostgresQuery) throws(PostgresError) -> Int {
        let result = try succeeded(send(query), sql: query.sql)
        defer { PQclear(result) }
        return PQresultStatus(result) == PGRES_COMMAND_OK ? affectedRows(result) : Int(PQntuples(result))
    }

    /// Runs trusted SQL text with no parameters, possibly several statements (migrations, `BEGIN`).
    @discardableResult
    public func execute(unsafeSQL sql: String) throws(PostgresError) -> PostgresRows {
        try reconnectIfNeeded()
        return try consume(PQexec(connection, sql), sql: sql)
    }

    private func statementName(for sql: String) throws(PostgresError) -> ContiguousArray<CChar> {
        if let name = prepared[sql] { return name }
        let name = "s\(prepared.count + 1)".utf8CString
        let result = name.withUnsafeBufferPointer { PQprepare(connection, $0.baseAddress, sql, 0, nil) }
        _ = try consume(result, sql: sql)
        prepared[sql] = name
        return name
    }

    /// Sends a statement with its binds (reconnecting and preparing it first if needed); the raw result.
    private func send(_ query: PostgresQuery) throws(PostgresError) -> OpaquePointer? {
        try reconnectIfNeeded()
        let name = try statementName(for: query.sql)
        let binds = query.binds
        return name.withUnsafeBufferPointer { name in
            binds.isEmpty
                ? PQexecPrepared(connection, name.baseAddress, 0, nil, nil, nil, 0)
                : withOptionalCStrings(binds) { params in
                    PQexecPrepared(connection, name.baseAddress, Int32(binds.count), params, nil, nil, 0)
                }
        }
    }

    private func consume(_ result: OpaquePointer?, sql: String) throws(PostgresError) -> PostgresRows {
        let result = try succeeded(result, sql: sql)
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE: return decodeRows(result, sql: sql)
        default: return PostgresRows(rows: [], affectedRows: affectedRows(result), query: sql)
        }
    }

    /// The result of a statement that succeeded (the caller clears it); a failed one is cleared and thrown.
    private func succeeded(_ result: OpaquePointer?, sql: String) throws(PostgresError) -> OpaquePointer {
        guard let result else { throw failure(sql: sql) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE:
            return result
        default:
            defer { PQclear(result) }
            throw resultError(result, sql: sql)
        }
    }

    private func affectedRows(_ result: OpaquePointer) -> Int {
        Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// The error a failed result carries (prepared statements are forgotten when the connection is gone).
    private func resultError(_ result: OpaquePointer, sql: String) -> PostgresError {
        let state = field(result, instagate_pg_diag_sqlstate).map(PostgresError.Code.init(rawValue:))
        let error = PostgresError(state ?? (isConnected ? .internalError : .connectionFailure),
                                  field(result, instagate_pg_diag_message_primary) ?? lastMessage(),
                                  detail: field(result, instagate_pg_diag_message_detail), query: sql)
        if error.isConnectionFailure || !isConnected { prepared.removeAll() }
        return error
    }

    private func failure(sql: String) -> PostgresError {
        prepared.removeAll()
        return PostgresError(isConnected ? .internalError : .connectionFailure, lastMessage(), query: sql)
    }

    private func decodeRows(_ result: OpaquePointer, sql: String) -> PostgresRows {
        let rowCount = Int(PQntuples(result)), columnCount = Int(PQnfields(result))
        let columns = PostgresColumns((0..<columnCount).map { String(cString: PQfname(result, Int32($0))) })
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<Int32(rowCount) {
            var values: [String?] = []
            values.reserveCapacity(columnCount)
            for column in 0..<Int32(columnCount) {
                values.append(PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column)))
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        return PostgresRows(rows: rows, affectedRows: rowCount, query: sql)
    }

    private func field(_ result: OpaquePointer, _ code: Int32) -> String? {
        PQresultErrorField(result, code).map { String(cString: $0) }
    }

    private func lastMessage() -> String {
        guard let connection, let message = PQerrorMessage(connection) else { return "connection failed" }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "connection failed" : text
    }
}

/// Calls `body` with a NULL-terminated array of C strings valid for the call.
func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    withOptionalCStrings(strings.map { Optional($0) } + [nil], body)
}

func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    var copies: [UnsafePointer<CChar>?] = []
    copies.reserveCapacity(strings.count)
    for string in strings { copies.append(string.flatMap { strdup($0) }.map { UnsafePointer($0) }) }
    defer { for copy in copies { free(UnsafeMutablePointer(mutating: copy)) } }
    return body(copies)
}
