import CPostgres

extension PostgresConnection {
    /// Runs `body` in a transaction on this connection, handed to it as `tx` (PostgresNIO's `withTransaction`):
    /// committed when `body` returns, rolled back when it throws (its error is rethrown unchanged). Inside another
    /// transaction it runs under a savepoint instead, released or rolled back to in the same way.
    ///
    ///     let id = try db.transaction { tx in
    ///         let job = try JobQueue(connection: tx).enqueue(request)
    ///         try Store(db: tx).save(job.id)
    ///         return job.id
    ///     }
    @discardableResult
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let (begin, commit, rollback) = isInTransaction
            ? ("SAVEPOINT instagate_tx", "RELEASE SAVEPOINT instagate_tx", "ROLLBACK TO SAVEPOINT instagate_tx; RELEASE SAVEPOINT instagate_tx")
            : ("BEGIN", "COMMIT", "ROLLBACK")
        try execute(unsafeSQL: begin)
        let value: T
        do {
            value = try body(self)
        } catch {
            if isConnected { _ = try? execute(unsafeSQL: rollback) }
            throw error
        }
        try execute(unsafeSQL: commit)
        return value
    }

    /// Runs `body` in a transaction (the form without the connection argument; prefer `transaction { tx in ... }`).
    @available(*, deprecated, message: "use transaction { tx in ... } and run the statements on tx")
    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try transaction { _ in try body() }
    }

    /// Whether a transaction is open on this connection (libpq's `PQtransactionStatus`).
    public var isInTransaction: Bool {
        switch PQtransactionStatus(rawConnection) {
        case PQTRANS_INTRANS, PQTRANS_INERROR, PQTRANS_ACTIVE: return true
        default: return false
        }
    }
}
