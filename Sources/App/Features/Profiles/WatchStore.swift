import Foundation
import Instagram
import Jobs
import Postgres

/// The `profile_watches` rows: a profile (or its stories) downloaded again every `every_seconds`.
struct WatchStore {
    let db: PostgresConnection

    /// A watch as `GET /api/watch` lists it.
    struct Record: PostgresRecord, Encodable {
        var id: Int64
        var url: String
        var every: Int
        var session: String?
        var createdAt: Date
        var jobID: String?
        var jobState: String?
        var nextRunAt: Date?
        /// Whether the watch's current run is paused (no further runs until it is resumed).
        var paused: Bool

        init(row: PostgresRow) throws(PostgresError) {
            id = try row.decode("id")
            url = try row.decode("url")
            every = try row.decode("every_seconds")
            session = try row.decodeIfPresent("session")
            createdAt = try row.decode("created_at")
            jobID = try row.decodeIfPresent("public_id")
            jobState = try row.decodeIfPresent("state")
            nextRunAt = try row.decodeIfPresent("next_run_at")
            paused = try row.decodeIfPresent("paused") ?? false
        }

        enum CodingKeys: String, CodingKey {
            case id, url, every, session, paused
            case createdAt = "created_at"
            case jobID = "last_job_id"
            case jobState = "last_job_status"
            case nextRunAt = "next_run_at"
        }
    }

    static let select = """
        SELECT w.id, w.url, w.every_seconds, w.session, w.created_at, j.public_id, j.state,
               CASE WHEN j.state = 'queued' AND j.paused_at IS NULL THEN j.run_at END AS next_run_at,
               j.paused_at IS NOT NULL AS paused
        FROM profile_watches w LEFT JOIN jobs j ON j.id = w.last_job_id
        """

    /// Creates the watch (or changes `every` and `session` of the user's watch of the same URL) and queues its
    /// first run now, unless one is queued or running; the watch.
    func upsert(userID: Int64, target: CollectionURL, every: Int, session: String?) throws -> Record {
        try db.transaction { tx in
            let id: Int64 = try tx.query("""
                INSERT INTO profile_watches (user_id, url, every_seconds, session)
                VALUES (\(userID), \(target.canonicalURL), \(every), \(session.bound))
                ON CONFLICT (user_id, url) DO UPDATE SET every_seconds = EXCLUDED.every_seconds, session = EXCLUDED.session
                RETURNING id
                """).exactlyOne().decode("id")
            let arguments = CollectionDownloadJob.Arguments(userID: userID, url: target.canonicalURL, session: session, watchID: id)
            let job = try ProfileStore(db: tx).enqueue(arguments, target: target).job
            try tx.query("UPDATE profile_watches SET last_job_id = \(job.id) WHERE id = \(id)")
            return try WatchStore(db: tx).find(userID: userID, id: id)!
        }
    }

    func find(userID: Int64, id: Int64) throws -> Record? {
        try db.queryOne("\(unsafeSQL: Self.select) WHERE w.user_id = \(userID) AND w.id = \(id)", as: Record.self)
    }

    func list(userID: Int64) throws -> [Record] {
        try db.query("\(unsafeSQL: Self.select) WHERE w.user_id = \(userID) ORDER BY w.id", as: Record.self)
    }

    /// The job of the watch's current run (0 when it has none yet); nil when the user has no such watch.
    func currentJob(userID: Int64, id: Int64) throws -> Int64? {
        try db.query("SELECT coalesce(last_job_id, 0) AS job FROM profile_watches WHERE user_id = \(userID) AND id = \(id)")
            .first?.decode("job", as: Int64.self)
    }

    /// Deletes the watch and cancels its queued or running job; false when the user has no such watch.
    func delete(userID: Int64, id: Int64) throws -> Bool {
        let jobs: [Int64] = try db.query("""
            DELETE FROM profile_watches WHERE user_id = \(userID) AND id = \(id) RETURNING last_job_id
            """).map { try $0.decodeIfPresent("last_job_id", as: Int64.self) ?? 0 }
        guard let job = jobs.first else { return false }
        if job != 0 { _ = try JobQueue(connection: db).requestCancel(jobID: job) }
        return true
    }

    /// Queues the watch's next run `every` seconds from now (nothing when the watch is gone), paused when the run
    /// that ended was. A watched profile (or its stories) renamed since is followed: the watch takes the name the run
    /// ended under (unless the user already watches that name), and the next run starts with the profile's pk in its
    /// checkpoint, so a rename after this run is followed too (`CollectionRun.startingProfile`, with a session).
    func scheduleNext(watchID: Int64, after job: Job) throws {
        guard let row = try db.query("""
            SELECT w.user_id, w.url, w.every_seconds, w.session, j.result->>'username' AS ran_as
            FROM profile_watches w LEFT JOIN jobs j ON j.id = \(job.id) WHERE w.id = \(watchID)
            """).first else { return }
        var url: String = try row.decode("url")
        guard var target = try CollectionURLParser().parse(url) else { return }
        if let name = target.watchedName, let ranAs: String = try row.decodeIfPresent("ran_as"), ranAs != name,
           let renamed = try CollectionURLParser().parse(target.renamed(to: ranAs).canonicalURL),
           try !db.query("""
               UPDATE profile_watches SET url = \(renamed.canonicalURL) WHERE id = \(watchID)
                 AND NOT EXISTS (SELECT 1 FROM profile_watches o WHERE o.user_id = profile_watches.user_id AND o.url = \(renamed.canonicalURL))
               RETURNING id
               """).isEmpty {
            (url, target) = (renamed.canonicalURL, renamed)
        }
        let arguments = CollectionDownloadJob.Arguments(userID: try row.decode("user_id"), url: url,
                                                        session: try row.decodeIfPresent("session"), watchID: watchID)
        let every: Int = try row.decode("every_seconds")
        let next = try ProfileStore(db: db).enqueue(arguments, target: target, runAt: Date().addingTimeInterval(Double(every))).job
        try db.query("UPDATE profile_watches SET last_job_id = \(next.id) WHERE id = \(watchID)")
        // A run paused too late to stop (it ended first) hands its pause on: the watch stays paused. Its checkpoint
        // (the profile's pk) goes on too.
        try db.query("""
            UPDATE jobs n SET paused_at = p.paused_at, checkpoint = p.checkpoint FROM jobs p WHERE p.id = \(job.id) AND n.id = \(next.id)
            """)
    }
}
