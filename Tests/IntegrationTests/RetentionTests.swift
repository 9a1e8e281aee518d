import Foundation
import HTTPClient
import Postgres
import Testing

/// The worker's recurring maintenance jobs, run now instead of in 10 minutes (their queued instance's run_at
/// moved to now, as the schedule would): `download_retention` removes downloads (rows and files) older than
/// INSTAGATE_DOWNLOAD_RETENTION, `jobs.cleanup` removes finished jobs older than INSTAGATE_JOB_RETENTION_SECONDS.
@Suite(.threaded, .needsStackAndSandbox)
struct RetentionTests {
    /// Runs the recurring job now (again on every poll, in case it was running when asked) until `done`.
    func runRecurring(_ kind: String, until done: () throws -> Bool) throws {
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline {
            _ = try db.run("UPDATE jobs SET run_at = now() WHERE unique_key = \("recurring:" + kind) AND state = 'queued' AND run_at > now()")
            _ = try db.execute(unsafeSQL: "NOTIFY instagate_jobs")
            if try done() { return }
            Thread.sleep(forTimeInterval: 0.25)
        }
        Issue.record("\(kind) did not do its work within 90 s")
    }

    func userID(_ key: String, _ http: TestHTTP) throws -> Int64 {
        let me = try http.get("/api/me", key: key).json
        return try #require(((me["user"] as? [String: Any])?["id"] as? NSNumber)?.int64Value)
    }

    @Test func downloadRetentionRemovesOldDownloadsAndTheirFiles() throws {
        let kit = DownloadTestKit()
        let key = try TestStack.newKey()
        try kit.resetLimits()
        let old = try kit.download("mina-coffee", apiKey: key, extra: #","refresh":true"#)
        #expect(old.status == 200, "\(old.text.prefix(300))")
        let fresh = try kit.download("mina-picnic", apiKey: key)
        #expect(fresh.status == 200, "\(fresh.text.prefix(300))")
        let oldCode = try kit.shortcode("mina-coffee"), freshCode = try kit.shortcode("mina-picnic")
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        // Older than INSTAGATE_DOWNLOAD_RETENTION (86400 s): as if downloaded two days ago.
        #expect(try db.run("""
            UPDATE downloads SET updated_at = now() - interval '2 days', completed_at = now() - interval '2 days'
            WHERE user_id = \(try userID(key, kit.http)) AND shortcode = \(oldCode)
            """) == 1)
        try runRecurring("download_retention") {
            try kit.http.get("/api/downloads/\(oldCode)", key: key).status == 404
        }
        try kit.http.get("/api/downloads/\(oldCode)", key: key).expectEnvelope(status: 404, code: "NOT_FOUND")
        // The files go with the last row of the post, in the same run of the job as the row or just after it.
        // Tests running beside this one may download the same post again meanwhile: then the files rightly stay.
        func rows() throws -> Int64 {
            try db.query("SELECT count(*) AS n FROM downloads WHERE shortcode = \(oldCode)").first?.decode("n", as: Int64.self) ?? 0
        }
        let filesGone = Date().addingTimeInterval(15)
        while try rows() == 0, FileManager.default.fileExists(atPath: DownloadTestKit.directory(oldCode)), Date() < filesGone {
            Thread.sleep(forTimeInterval: 0.1)
        }
        let stillThere = FileManager.default.fileExists(atPath: DownloadTestKit.directory(oldCode))
        let rowsNow = try rows()
        #expect(!(stillThere && rowsNow == 0), "the files went with the last row")
        #expect(try kit.http.get("/api/downloads/\(freshCode)", key: key).status == 200, "a recent download stays")
        #expect(FileManager.default.fileExists(atPath: DownloadTestKit.directory(freshCode)))
    }

    @Test func jobsCleanupRemovesOldFinishedJobs() throws {
        var client = AnalysisClient()
        client.key = try TestStack.newKey()
        let old = try client.start("mina.kim")
        let recent = try client.start("mina.kim")
        #expect(try client.waitForEnd(old)["status"] as? String == "completed")
        #expect(try client.waitForEnd(recent)["status"] as? String == "completed")
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        // Older than INSTAGATE_JOB_RETENTION_SECONDS (7 days).
        #expect(try db.run("""
            UPDATE jobs SET finished_at = now() - interval '8 days'
            WHERE public_id = \(old) AND owner_id = \(try userID(client.key, client.http))
            """) == 1)
        try runRecurring("jobs.cleanup") {
            try client.http.get("/api/status/\(old)", key: client.key).status == 404
        }
        try client.http.get("/api/status/\(old)", key: client.key).expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        #expect(try client.status(recent)["status"] as? String == "completed", "a recent finished job stays")
    }
}
