import Foundation
import HTTPClient
import Postgres
import Testing

/// Uploads' lifecycle (issue 14) through the responder, PostgreSQL and the stack's worker: the recurring
/// `upload_cleanup` job (deploy/test: every 2 s) removes an expired upload's row and file with no new upload to
/// trigger it, keeps an expired one a scheduled post still names until that post ends, then removes it too.
extension ConnectedAccountTests {
    @Test func uploadsExpiredAreRemovedUnlessAPostThatHasNotEndedNamesThem() throws {
        try UploadPublishingKit().expiredUploadsAreRemovedUnlessNamed()
    }
}

extension UploadPublishingKit {
    /// Whether the upload's row and its folder still exist.
    func exists(_ token: String, db: PostgresConnection) throws -> (row: Bool, file: Bool) {
        let rows = try db.query("SELECT 1 FROM instagram_uploads WHERE token = \(token)")
        return (!rows.isEmpty, FileManager.default.fileExists(atPath: "\(TestStack.home)/uploads/\(token)"))
    }

    /// Waits (at most `seconds`) until the upload's row is gone.
    func waitGone(_ token: String, db: PostgresConnection, seconds: Double = 20) throws -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try !exists(token, db: db).row { return true }
            Thread.sleep(forTimeInterval: 0.25)
        }
        return false
    }

    func expiredUploadsAreRemovedUnlessNamed() throws {
        let loose = try upload(try Self.uniqueJPEG(), "image/jpeg"), named = try upload(try Self.uniqueJPEG(), "image/jpeg")
        let when = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))
        let post = try base.flow.http.postJSON("/api/sns/instagram/posts", #"""
            {"account_id":\#(base.accountID),"image_upload_id":"\#(named)","caption":"Kept for later","scheduled_at":"\#(when)"}
            """#, key: base.flow.key)
        #expect(post.status == 202 && post.json["state"] as? String == "scheduled", "\(post.text)")
        let id = try #require(post.json["id"] as? Int)
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        // Both a day old: past INSTAGATE_UPLOAD_TTL (as if the clock had moved on).
        try db.query("UPDATE instagram_uploads SET expires_at = now() - interval '1 second' WHERE token IN (\(loose), \(named))")
        #expect(try waitGone(loose, db: db), "the expired upload was removed without a new upload")
        #expect(try exists(loose, db: db).file == false, "its file too")
        let kept = try exists(named, db: db)
        #expect(kept.row && kept.file, "the one a scheduled post names is kept")
        #expect(try base.flow.http.send("DELETE", "/api/sns/instagram/posts/\(id)", key: base.flow.key).status == 200)
        #expect(try waitGone(named, db: db), "once its post is cancelled it goes too")
        #expect(try exists(named, db: db).file == false)
    }
}
