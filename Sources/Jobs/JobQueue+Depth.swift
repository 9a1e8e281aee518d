import Postgres

extension JobQueue {
    /// How many jobs of a kind are in one live state.
    struct Depth: Sendable, Equatable {
        var kind: String
        var state: JobState
        var count: Int
    }

    /// The jobs queued and running, per kind, all workers together (two partial indexes answer it).
    func depth() throws(PostgresError) -> [Depth] {
        let rows = try connection.query("""
            SELECT kind, state, count(*) AS n FROM jobs WHERE state IN ('queued', 'running') GROUP BY kind, state
            """)
        var depth: [Depth] = []
        for row in rows {
            guard let state = JobState(rawValue: try row.decode("state", as: String.self)) else { continue }
            depth.append(Depth(kind: try row.decode("kind"), state: state, count: try row.decode("n")))
        }
        return depth
    }
}
