import Foundation
import HTTPClient
import Testing

/// Whole profiles through the real stack (issue 16): nginx → responder → PostgreSQL → worker → sandbox → files
/// served by signed links, checked against the world's bytes.
@Suite("Profile downloads", .threaded, .serialized, .needsStackAndSandbox)
struct ProfileDownloadTests {
    let kit = ProfileTestKit()

    /// Fresh pacing counters: the runs make anonymous calls from the worker's address, as other suites do.
    init() throws {
        try kit.kit.resetLimits()
    }

    @Test func aWholeProfileWithEveryMediaTypeAndItsPicture() throws {
        let name = ProfileTestKit.uniqueName("whole")
        try kit.account(name)
        var posts: [[String: Any]] = []
        for key in ["photo-gyeongbokgung", "video-busan", "carousel-jeju", "reel-hangang"] { posts += try kit.posts(name, from: key) }
        let jobID = try kit.start("https://www.instagram.com/\(name)/")
        let status = try kit.wait(jobID)
        #expect(status["status"] as? String == "completed", "\(status)")
        #expect(Set(ProfileTestKit.codes(status)) == Set(posts.compactMap { $0["shortcode"] as? String }))
        let progress = try #require(status["progress"] as? [String: Any])
        #expect(progress["posts_done"] as? Int == 4 && progress["posts_total"] as? Int == 4)
        #expect((progress["bytes_done"] as? Int ?? 0) > 0)
        try kit.expectFilesMatchTheWorld(posts)

        let profile = try #require(status["profile"] as? [String: Any])
        let picture = try kit.kit.fetch(try #require(profile["picture_url"] as? String))
        let info = try kit.sandbox.send("GET", "/api/v1/users/web_profile_info/?username=\(name)",
                                        headers: [("X-IG-App-ID", "936619743392459")]).sandboxJSON
        let user = try #require((info["data"] as? [String: Any])?["user"] as? [String: Any])
        let hd = try kit.sandbox.send("GET", try #require(user["profile_pic_url_hd"] as? String))
        #expect(picture.status == 200 && !picture.body.isEmpty && picture.body == hd.body)
        let metadata = try kit.kit.fetch(try #require(profile["metadata_url"] as? String)).sandboxJSON
        #expect(metadata["username"] as? String == name && metadata["media_count"] as? Int == 4 && metadata["id"] as? String == user["id"] as? String)
    }

    @Test func anIncrementalRunStopsAtTheNewestStoredPost() throws {
        let name = ProfileTestKit.uniqueName("incr")
        let viewer = ProfileTestKit.uniqueName("viewer")
        try kit.account(name)
        try kit.account(viewer)
        try kit.posts(name, from: "photo-hangang", count: 60) // more than one page of 50
        let session = try kit.sandbox.session(viewer)
        let cookie = String(session.cookie.dropFirst("sessionid=".count).prefix { $0 != ";" })
        let saved = try kit.kit.saveSession(viewer, (cookie, session.csrf), key: TestStack.apiKey)
        #expect(saved.status == 200 || saved.status == 201, "\(saved.text)")
        let first = try kit.wait(try kit.start("https://www.instagram.com/\(name)/", extra: #","session":"\#(viewer)""#))
        #expect(first["status"] as? String == "completed" && ProfileTestKit.codes(first).count == 60, "\(first["error"] ?? "")")

        try kit.advanceClock(3600)
        let fresh = try kit.posts(name, from: "photo-gyeongbokgung", count: 3)
        let before = try kit.kit.lastRequestSequence()
        let second = try kit.wait(try kit.start("https://www.instagram.com/\(name)/", extra: #","session":"\#(viewer)""#))
        #expect(second["status"] as? String == "completed")
        #expect(ProfileTestKit.codes(second) == fresh.compactMap { $0["shortcode"] as? String })
        #expect((second["result"] as? [String: Any])?["stopped_because"] as? String == "up_to_date")
        let ours = Set(fresh.flatMap { ($0["items"] as? [[String: Any]] ?? []).compactMap { $0["image_cdn_path"] as? String } })
        let log = try kit.sandbox.admin("GET", "/__sandbox/requests?after=\(before)&limit=100000")["requests"] as? [[String: Any]] ?? []
        let made = log.filter { $0["viewer"] as? String == viewer || ours.contains($0["path"] as? String ?? "") }
        #expect(made.count < 10, "\(made.map { $0["path"] ?? "" })")
        // One request per file (a GET: its Content-Length states the size, no HEAD first), nothing stored fetched again.
        let files = made.filter { ours.contains($0["path"] as? String ?? "") }
        #expect(files.filter { $0["method"] as? String == "GET" }.count == 3, "\(files.map { "\($0["method"] ?? "") \($0["path"] ?? "")" })")
        #expect(files.filter { $0["method"] as? String == "HEAD" }.isEmpty, "a staged batch asks no HEAD")
        try kit.expectFilesMatchTheWorld(fresh) // after reading the log: this fetches the world's bytes too
    }

    @Test func aPinnedOldPostDoesNotEndAnIncrementalRun() throws {
        let name = ProfileTestKit.uniqueName("pinned")
        try kit.account(name)
        let old = try kit.posts(name, from: "photo-night", count: 4)
        let first = try kit.wait(try kit.start("https://www.instagram.com/\(name)/"))
        #expect(ProfileTestKit.codes(first).count == 4)
        _ = try kit.sandbox.admin("POST", "/__sandbox/posts/pin", #"{"shortcode":"\#(old[3]["shortcode"] as? String ?? "")"}"#)
        try kit.advanceClock(3600)
        let fresh = try kit.posts(name, from: "photo-sea", count: 2)
        let second = try kit.wait(try kit.start("https://www.instagram.com/\(name)/"))
        // The pinned post comes first on the page and is stored: the run passes it and stops at the newest old post.
        #expect(ProfileTestKit.codes(second) == [old[3]["shortcode"] as? String].compactMap { $0 } + fresh.compactMap { $0["shortcode"] as? String })
        #expect((second["result"] as? [String: Any])?["stopped_because"] as? String == "up_to_date")
        #expect((second["progress"] as? [String: Any])?["posts_from_storage"] as? Int == 1)
    }

    @Test func theLoginWallPartWayGoesOnWithTheSavedSessionOrSaysSo() throws {
        let name = ProfileTestKit.uniqueName("walled")
        let made = try kit.sandbox.admin("POST", "/__sandbox/users", #"{"username":"\#(name)","login_wall":true}"#)
        #expect(made["username"] as? String == name)
        try kit.posts(name, from: "photo-slide-one", count: 55) // two pages of 50: the second is behind the wall
        let anonymous = try TestStack.newKey()
        let stopped = try kit.wait(try kit.start("https://www.instagram.com/\(name)/", key: anonymous), key: anonymous)
        #expect(stopped["status"] as? String == "failed")
        let error = stopped["error"] as? [String: Any] ?? [:]
        #expect(error["code"] as? String == "LOGIN_REQUIRED")
        #expect((error["message"] as? String ?? "").contains("the 50 posts done stay downloaded"), "\(error)")
        #expect((stopped["progress"] as? [String: Any])?["posts_done"] as? Int == 50)

        let viewer = ProfileTestKit.uniqueName("walker")
        try kit.account(viewer)
        let session = try kit.sandbox.session(viewer)
        let cookie = String(session.cookie.dropFirst("sessionid=".count).prefix { $0 != ";" })
        let key = try TestStack.newKey()
        #expect(try kit.kit.saveSession(viewer, (cookie, session.csrf), key: key).status == 201)
        let before = try kit.kit.lastRequestSequence()
        let done = try kit.wait(try kit.start("https://www.instagram.com/\(name)/", key: key), key: key)
        #expect(done["status"] as? String == "completed" && ProfileTestKit.codes(done).count == 55, "\(done["error"] ?? "")")
        let pages = try kit.kit.requests(after: before, path: "/api/graphql").filter { $0["status"] as? Int != 302 }
        #expect(pages.contains { $0["viewer"] as? String == viewer }, "the second page with the saved session")
    }

    @Test func filtersNarrowTheRun() throws {
        let name = ProfileTestKit.uniqueName("filter")
        try kit.account(name)
        let posts = try kit.posts(name, from: "photo-sea", count: 5) // a minute apart, newest first
        let limited = try kit.wait(try kit.start("https://www.instagram.com/\(name)/", extra: #","max_posts":2"#))
        #expect(ProfileTestKit.codes(limited) == posts.prefix(2).compactMap { $0["shortcode"] as? String })
        #expect((limited["result"] as? [String: Any])?["stopped_because"] as? String == "max_posts")
        let third = try #require(posts[2]["taken_at"] as? Int)
        let until = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(third)))
        let since = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(third - 60)))
        let window = try kit.wait(try kit.start("https://www.instagram.com/\(name)/", extra: #","since":"\#(since)","until":"\#(until)""#))
        #expect(ProfileTestKit.codes(window) == posts[2...3].compactMap { $0["shortcode"] as? String })
        #expect((window["progress"] as? [String: Any])?["posts_skipped"] as? Int == 2)
    }

    @Test func aPrivateProfileWithoutASessionFailsClearly() throws {
        let name = ProfileTestKit.uniqueName("locked")
        try kit.account(name, private: true)
        try kit.posts(name, from: "photo-night")
        let key = try TestStack.newKey()
        let status = try kit.wait(try kit.start("https://www.instagram.com/\(name)/", key: key), key: key)
        #expect(status["status"] as? String == "failed")
        let error = try #require(status["error"] as? [String: Any])
        #expect(error["code"] as? String == "PRIVATE_PROFILE")
        #expect((error["message"] as? String ?? "").contains("save an Instagram session"))
        #expect(try kit.http.get("/api/downloads", key: key).json["total"] as? Int == 0) // nothing partial visible
    }

    @Test func badInputIsNamedAndNothingIsQueued() throws {
        let key = try TestStack.newKey()
        let answer = try kit.kit.post(#"{"url":"https://www.instagram.com/seoul.traveler/","since":"yesterday","max_posts":0}"#, apiKey: key)
        answer.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        let errors = answer.json["errors"] as? [String: Any] ?? [:]
        #expect(errors["since"] != nil && errors["max_posts"] != nil)
        let stories = try kit.kit.post(#"{"url":"https://www.instagram.com/stories/seoul.traveler/"}"#, apiKey: key)
        stories.expectEnvelope(status: 422, code: "SESSION_REQUIRED")
        #expect(try kit.http.get("/api/collections/0123456789abcdef", key: key).status == 404)
    }

    @Test func theCLIDownloadsAProfileWithoutTheServer() throws {
        let directory = NSTemporaryDirectory() + "instagate-profile-cli-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let name = ProfileTestKit.uniqueName("cli")
        try kit.account(name)
        try kit.posts(name, from: "carousel-jeju")
        try kit.advanceClock(60)
        let posts = try kit.posts(name, from: "video-busan")
        let result = try TestStack.cli(["download", "https://www.instagram.com/\(name)/", "--out", directory, "--max-posts", "1"])
        #expect(result.status == 0, "\(result.err.suffix(500))")
        let newest = try #require(posts.last?["shortcode"] as? String) // made last: the newest
        #expect(result.out.contains("\(directory)/\(newest)\tvideo\t2 files"), "\(result.out)")
        #expect(result.out.contains("2 items of https://www.instagram.com/\(name)/"), "the picture and one post: \(result.out)")
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(directory)/\(newest)")
        #expect(files.filter { $0.hasSuffix(".mp4") }.count == 1 && files.contains("\(newest)_metadata.json"))
        let story = try TestStack.cli(["download", "https://www.instagram.com/stories/\(name)/", "--out", directory])
        #expect(story.status != 0 && story.err.contains("SESSION_REQUIRED"), "\(story.err)")
    }

    @Test func aCancelledRunStops() throws {
        let name = ProfileTestKit.uniqueName("cancel")
        try kit.account(name)
        try kit.posts(name, from: "photo-first", count: 300)
        let jobID = try kit.start("https://www.instagram.com/\(name)/")
        let cancel = try kit.http.send("DELETE", "/api/collections/\(jobID)")
        #expect(cancel.status == 200 || cancel.status == 202)
        let status = try kit.wait(jobID)
        #expect(status["status"] as? String == "cancelled")
        #expect(((status["progress"] as? [String: Any])?["posts_done"] as? Int ?? 0) < 300)
    }
}
