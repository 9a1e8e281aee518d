import Foundation
import Testing
import TestSupport
@testable import App

/// `POST /api/download` with profile, stories and highlight URLs, and `/api/watch`, in-process: what is
/// refused is named and queues nothing; a profile is always a 202 job.
@Suite(.needsStack)
struct CollectionHandlerTests {
    /// In-process only: through nginx, POST /api/download shares 127.0.0.1's 10-a-minute budget with
    /// DownloadQuotaTests (the integration tests post from other loopback addresses).
    @Test func aProfileURLIsAlwaysAJob() throws {
        let app = TestApplication(.router)
        let key = try app.newKey()
        let name = "queued.\(UUID().uuidString.prefix(6).lowercased())"
        let first = try app.execute("POST", "/api/download", key: key, json: #"{"url":"https://instagram.com/\#(name)?igsh=x","max_posts":3}"#)
        #expect(first.status == 202)
        let id = try #require(first.json["job_id"] as? String)
        #expect(first.json["kind"] as? String == "profile" && first.header("Location") == "/api/collections/\(id)")
        let status = try app.execute("GET", "/api/collections/\(id)", key: key)
        #expect(status.status == 200 && status.json["url"] as? String == "https://www.instagram.com/\(name)/")
        #expect(status.json["kind"] as? String == "profile")
        // Another user's job is a 404 (the stack's worker may run this one meanwhile: its profile does not exist).
        try app.execute("GET", "/api/collections/\(id)", key: try app.newKey()).expectEnvelope(404, "JOB_NOT_FOUND")
        #expect([200, 202].contains(try app.execute("DELETE", "/api/collections/\(id)", key: key).status))
    }

    @Test func everyBadFieldIsNamed() throws {
        let app = TestApplication(.router)
        let key = try app.newKey()
        let refused = try app.execute("POST", "/api/download", key: key,
                                      json: #"{"url":"https://www.instagram.com/someone/","since":"soon","until":"2024-13-40","max_posts":0,"session":"not a name"}"#)
        refused.expectEnvelope(422, "VALIDATION_ERROR")
        let errors = refused.json["errors"] as? [String: Any] ?? [:]
        #expect(Set(errors.keys) == ["since", "until", "max_posts", "session"])
        let story = try app.execute("POST", "/api/download", key: key, json: #"{"url":"https://www.instagram.com/stories/highlights/abc/"}"#)
        story.expectEnvelope(422, "VALIDATION_ERROR")
        // A post link with no shortcode is refused here, not queued as a job for a profile named after `/p/`.
        let noShortcode = try app.execute("POST", "/api/download", key: key, json: #"{"url":"https://www.instagram.com/p//"}"#)
        noShortcode.expectEnvelope(422, "VALIDATION_ERROR")
        #expect((noShortcode.json["errors"] as? [String: Any])?["url"] != nil)
        let noName = try app.execute("POST", "/api/download", key: key, json: #"{"url":"https://www.instagram.com/stories/"}"#)
        noName.expectEnvelope(422, "VALIDATION_ERROR")
        #expect(((noName.json["errors"] as? [String: Any])?["url"] as? String ?? "").contains("/stories/USERNAME/"))
        let noSession = try app.execute("POST", "/api/download", key: key, json: #"{"url":"https://www.instagram.com/stories/highlights/17900000000000001/"}"#)
        noSession.expectEnvelope(422, "SESSION_REQUIRED")
        #expect((noSession.json["message"] as? String ?? "").contains("POST /api/instagram/session"))
    }

    @Test func watchesNeedAProfileOrStoriesAndAnInterval() throws {
        let app = TestApplication(.router) { $0.profiles.watchMinInterval = 60 }
        let key = try app.newKey()
        let refused = try app.execute("POST", "/api/watch", key: key, json: #"{"url":"https://www.instagram.com/p/BqvsDleB3lV/","every":5}"#)
        refused.expectEnvelope(422, "VALIDATION_ERROR")
        #expect(Set((refused.json["errors"] as? [String: Any] ?? [:]).keys) == ["url", "every"])
        let name = "watched.\(UUID().uuidString.prefix(6).lowercased())"
        let created = try app.execute("POST", "/api/watch", key: key, json: #"{"url":"https://www.instagram.com/\#(name)/","every":3600}"#)
        #expect(created.status == 201)
        let watch = try #require(created.json["watch"] as? [String: Any])
        #expect(watch["every"] as? Int == 3600 && watch["last_job_id"] is String)
        let id = try #require(watch["id"] as? Int)
        try app.execute("DELETE", "/api/watch/\(id)", key: try app.newKey()).expectEnvelope(404, "WATCH_NOT_FOUND")
        #expect(try app.execute("DELETE", "/api/watch/\(id)", key: key).status == 200)
        #expect((try app.execute("GET", "/api/watch", key: key).json["watches"] as? [Any])?.isEmpty == true)
    }
}
