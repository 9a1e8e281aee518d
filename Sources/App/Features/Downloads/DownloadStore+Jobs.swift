import Foundation
import Jobs
import Postgres

extension DownloadStore {
    /// Queues a `download` job for the worker and records the user's download as pending with it, together.
    func enqueue(_ arguments: DownloadJob.Arguments, shortcode: String) throws -> Job {
        try db.transaction { tx in
            let enqueued = try JobQueue(connection: tx).enqueue(JobRequest(
                kind: DownloadJob.name, ownerID: arguments.userID, publicID: shortcode,
                uniqueKey: "download:\(arguments.userID):\(shortcode)",
                args: String(decoding: try JSONEncoder().encode(arguments), as: UTF8.self), maxAttempts: 3))
            try DownloadStore(db: tx).enqueued(userID: arguments.userID, shortcode: shortcode, item: arguments.item,
                                               jobID: enqueued.job.id)
            return enqueued.job
        }
    }

    /// Records an asynchronous download as pending with its job (a finished row keeps its metadata until done).
    func enqueued(userID: Int64, shortcode: String, item: Int?, jobID: Int64) throws {
        try db.query("""
            INSERT INTO downloads (user_id, shortcode, item, state, job_id)
            VALUES (\(userID), \(shortcode), \(item ?? 0), 'pending', \(jobID))
            ON CONFLICT (user_id, shortcode, item) DO UPDATE SET state = 'pending', job_id = EXCLUDED.job_id, bytes_done = 0,
                error_code = NULL, error_message = NULL, updated_at = now()
            """)
    }

    func markRunning(userID: Int64, shortcode: String, item: Int?) throws {
        try db.query("""
            UPDATE downloads SET state = 'running', bytes_done = 0, updated_at = now()
            WHERE user_id = \(userID) AND shortcode = \(shortcode) AND item = \(item ?? 0)
            """)
    }

    func progress(userID: Int64, shortcode: String, item: Int?, bytes: Int64) throws {
        try db.query("""
            UPDATE downloads SET bytes_done = \(bytes), updated_at = now()
            WHERE user_id = \(userID) AND shortcode = \(shortcode) AND item = \(item ?? 0) AND state = 'running'
            """)
    }

    /// A refresh that failed while the earlier download's files are still stored: the row is completed again
    /// (its metadata and links as before), the failure kept in its error fields; false when it had no earlier download.
    func failRefresh(userID: Int64, shortcode: String, item: Int?, code: String, message: String) throws -> Bool {
        try db.query("""
            UPDATE downloads SET state = 'completed', bytes_done = coalesce(bytes_total, bytes_done), error_code = \(code),
                error_message = \(message), updated_at = now()
            WHERE user_id = \(userID) AND shortcode = \(shortcode) AND item = \(item ?? 0) AND state <> 'completed' AND metadata IS NOT NULL
                AND completed_at IS NOT NULL
            """).affectedRows > 0
    }

    func fail(userID: Int64, shortcode: String, item: Int?, code: String, message: String) throws {
        try db.query("""
            UPDATE downloads SET state = 'failed', error_code = \(code), error_message = \(message), updated_at = now()
            WHERE user_id = \(userID) AND shortcode = \(shortcode) AND item = \(item ?? 0) AND state <> 'completed'
            """)
    }
}
