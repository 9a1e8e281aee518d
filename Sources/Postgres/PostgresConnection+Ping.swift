extension PostgresConnection {
    /// A round trip that proves the server answers queries (`SELECT 1`): the health check's probe.
    public func ping() throws(PostgresError) {
        try run("SELECT 1")
    }
}
