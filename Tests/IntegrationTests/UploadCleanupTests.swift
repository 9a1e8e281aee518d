import Foundation
import HTTPClient
import Postgres
import Testing

/// Uploads' lifecycle (issue 14) through the responder, PostgreSQL and the stack's worker: the recurring
/// `upload_cleanup` job (deploy/test: every 2 s) removes an expired upload's row and file with no new upload to
/// trigger it, keeps an expired one a scheduled post still names until that post ends, then removes it too; a
/// feed photo's draft takes an upload by `PATCH`, and published after that upload expired it is published from it
/// (the upload kept again for the publishing), while a draft whose upload was deleted, or a failed post's retry, is
/// refused with a 422 naming it.
extension ConnectedAccountTests {
    @Test func uploadsExpiredAreRemovedUnlessAPostThatHasNotEndedNamesThem() throws {
        try UploadPublishingKit().expiredUploadsAreRemovedUnlessNamed()
    }

    @Test func publishingADraftWhoseUploadExpiredOrWasDeleted() throws { try UploadPublishingKit().draftsKeepTheirUploadsForThePublishing() }
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

extension UploadPublishingKit {
    func draftsKeepTheirUploadsForThePublishing() throws {
        let jpeg = try Self.uniqueJPEG()
        let photo = try upload(jpeg, "image/jpeg"), loose = try upload(try Self.uniqueJPEG(), "image/jpeg")
        let video = try upload(try Self.uniqueMP4(), "video/mp4")
        let caption = "A draft of an old upload \(UUID().uuidString.prefix(8))"
        let draft = try media.post("posts", #"{"account_id":\#(base.accountID),"image_url":"\#(try base.imageURL())","caption":"\#(caption)","draft":true}"#)
        let id = try #require(draft.json["id"] as? Int, "\(draft.text)")
        // A feed photo's PATCH takes an upload, checked as POST /posts checks one: a video is named with the other bad
        // field, taking the image away is named, and a refused edit changes nothing.
        let refused = try media.patch(id, #"{"image_upload_id":"\#(video)","caption":"\#(String(repeating: "a", count: 2201))"}"#)
        refused.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(MediaPublishingKit.keys(refused) == ["image_upload_id", "caption"], "\(refused.text)")
        let emptied = try media.patch(id, #"{"image_upload_id":null}"#)
        emptied.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(MediaPublishingKit.keys(emptied) == ["image_upload_id"], "\(emptied.text)")
        #expect(try base.flow.get("/api/sns/instagram/posts/\(id)").json["content"] as? String == caption, "a refused edit changes nothing")
        let edited = try media.patch(id, #"{"image_upload_id":"\#(photo)"}"#)
        #expect(edited.status == 200 && (edited.json["media_url"] as? String)?.contains("/uploads/\(photo)/") == true, "\(edited.text)")

        // A day on (past INSTAGATE_UPLOAD_TTL): a cleanup pass removes the loose upload and keeps the draft's.
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        try db.query("UPDATE instagram_uploads SET expires_at = now() - interval '1 second' WHERE token IN (\(photo), \(loose))")
        #expect(try waitGone(loose, db: db), "a cleanup pass ran")
        let kept = try exists(photo, db: db)
        #expect(kept.row && kept.file, "the draft's upload is kept")
        let released = try base.send("POST", "/api/sns/instagram/posts/\(id)/publish")
        #expect(released.status == 202, "\(released.text)")
        #expect(try base.flow.get("/api/sns/instagram/uploads/\(photo)").status == 200, "the upload is live again for the publishing")
        let post = try base.wait(id, seconds: 60)
        #expect(post["state"] as? String == "published", "\(post)")
        let shortcode = try #require(post["shortcode"] as? String, "\(post)")
        let download = try media.kit.post(#"{"url":"https://www.instagram.com/p/\#(shortcode)/"}"#)
        let file = try #require(DownloadTestKit.files(download.json).first, "\(download.text.prefix(300))")
        #expect(try media.kit.fetch(try #require(file["url"] as? String)).body == jpeg, "the published photo is the expired upload")

        // An upload deleted after its draft was stored: publishing the draft is a 422 naming it, and it stays a draft.
        let gone = try upload(try Self.uniqueJPEG(), "image/jpeg")
        let story = try media.post("stories", #"{"account_id":\#(base.accountID),"image_upload_id":"\#(gone)","draft":true}"#)
        let storyID = try #require(story.json["id"] as? Int, "\(story.text)")
        #expect(try base.flow.http.send("DELETE", "/api/sns/instagram/uploads/\(gone)", key: base.flow.key).status == 200)
        let orphan = try base.send("POST", "/api/sns/instagram/posts/\(storyID)/publish")
        orphan.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(MediaPublishingKit.keys(orphan) == ["image_upload_id"], "\(orphan.text)")
        #expect(try base.flow.get("/api/sns/instagram/posts/\(storyID)").json["state"] as? String == "draft", "nothing changed")

        // A failed post whose upload was deleted: its retry is a 422 naming it, and the post stays failed.
        _ = try base.flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"force_code": 10, "force_count": 1}"#)
        defer { _ = try? base.flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"force_code": 10, "force_count": 0}"#) }
        let lost = try upload(try Self.uniqueJPEG(), "image/jpeg")
        let refusedOnce = try media.post("posts", #"{"account_id":\#(base.accountID),"image_upload_id":"\#(lost)","caption":"Refused once"}"#)
        let failedID = try #require(refusedOnce.json["id"] as? Int, "\(refusedOnce.text)")
        #expect(try base.wait(failedID)["state"] as? String == "failed")
        #expect(try base.flow.http.send("DELETE", "/api/sns/instagram/uploads/\(lost)", key: base.flow.key).status == 200)
        let retried = try base.send("POST", "/api/sns/instagram/posts/\(failedID)/retry")
        retried.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(MediaPublishingKit.keys(retried) == ["image_upload_id"], "\(retried.text)")
        #expect(try base.flow.get("/api/sns/instagram/posts/\(failedID)").json["state"] as? String == "failed", "nothing changed")
    }
}
