import Foundation
import HTTPClient
import Testing

/// What happens to a profile or stories download when Instagram changes under it part-way (issue 16): a profile
/// renamed (followed by its id with a session, else a clear failure), deleted (a clear failure, the posts done kept
/// whole), a post unpinned part-way (listed on two pages: downloaded and counted once), a story that expired (skipped
/// with its reason, the job completes).
@Suite("Collections changed mid-run", .threaded, .serialized, .needsStackAndSandbox)
struct CollectionMidRunTests {
    let kit = ProfileTestKit()

    init() throws {
        try kit.kit.resetLimits()
    }

    /// A profile of 160 photo posts (four pages: 50, 50, 50, then 10) whose run is held 4 s inside its first page (a
    /// slow CDN file), started with `key`; `change` runs once a file of the second page is being fetched and the third
    /// page was answered while the first page still waits (a batch downloads while the next page's batch starts, and
    /// the page after that is asked while the batch before is published), so the fourth page is the first to see it;
    /// `prepare` runs on the posts before the run starts. The posts, and the job's final status.
    func runChangedPartWay(key: String, prepare: ([[String: Any]]) throws -> Void = { _ in },
                           change: (String) throws -> Void) throws -> (posts: [[String: Any]], status: [String: Any]) {
        let name = ProfileTestKit.uniqueName("midrun")
        try kit.account(name)
        let posts = try kit.posts(name, from: "photo-hangang", count: 160)
        try prepare(posts)
        let slowPath = try #require((posts[10]["items"] as? [[String: Any]])?.first?["image_cdn_path"] as? String)
        let secondPage = try #require((posts[50]["items"] as? [[String: Any]])?.first?["image_cdn_path"] as? String)
        let fault = try kit.kit.fault(#"{"kind":"latency","latency_ms":4000,"count":1,"method":"GET","path":"\#(slowPath)"}"#)
        defer { try? kit.kit.removeFault(fault) }
        let before = try kit.kit.lastRequestSequence()
        let jobID = try kit.start("https://www.instagram.com/\(name)/", key: key)
        let end = Date().addingTimeInterval(60)
        func pagesAnswered() throws -> Int {
            try kit.kit.requests(after: before, path: "/api/graphql").filter { $0["subject"] as? String == name }.count
        }
        while try kit.kit.requests(after: before, path: secondPage).isEmpty || pagesAnswered() < 3, Date() < end {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(try pagesAnswered() == 3, "three pages asked, the fourth not yet")
        let progress = try kit.http.get("/api/collections/\(jobID)", key: key).json["progress"] as? [String: Any]
        #expect(progress?["posts_done"] as? Int == 0, "the second page downloads while the first waits for its slow file")
        try change(name)
        return (posts, try kit.wait(jobID, key: key))
    }

    func waitFor(_ jobID: String, key: String, _ done: ([String: Any]) -> Bool) throws {
        var status: [String: Any] = [:]
        let end = Date().addingTimeInterval(60)
        while Date() < end {
            status = try kit.http.get("/api/collections/\(jobID)", key: key).json
            if done(status) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("the job never got there: \(status)")
    }

    /// The user's downloads are all completed (nothing pending or partial shown) and number `count`.
    func expectOnlyWholeDownloads(_ count: Int, key: String) throws {
        let list = try kit.http.get("/api/downloads?limit=100", key: key).json
        #expect(list["total"] as? Int == count, "\(list["total"] ?? "")")
        let states = Set((list["downloads"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String })
        #expect(states == ["completed"], "\(states)")
    }

    @Test func aProfileRenamedPartWayIsFollowedByItsIdWithASession() throws {
        let key = try kit.keyWithSession("midfan")
        var renamed = ""
        let (posts, done) = try runChangedPartWay(key: key) { name in
            renamed = name + "x"
            _ = try kit.sandbox.admin("POST", "/__sandbox/users/rename", #"{"username":"\#(name)","to":"\#(renamed)"}"#)
        }
        #expect(done["status"] as? String == "completed", "\(done["error"] ?? "")")
        #expect(Set(ProfileTestKit.codes(done)) == Set(posts.compactMap { $0["shortcode"] as? String }), "every post, none twice")
        #expect(ProfileTestKit.codes(done).count == 160)
        try kit.expectFilesMatchTheWorld(Array(posts.suffix(3)), key: key)
        try expectOnlyWholeDownloads(161, key: key) // 160 posts and the profile picture
    }

    @Test func aProfileRenamedPartWayWithoutASessionFailsClearlyKeepingThePostsDone() throws {
        let key = try TestStack.newKey()
        let (posts, stopped) = try runChangedPartWay(key: key) { name in
            _ = try kit.sandbox.admin("POST", "/__sandbox/users/rename", #"{"username":"\#(name)","to":"\#(name)x"}"#)
        }
        #expect(stopped["status"] as? String == "failed")
        let error = stopped["error"] as? [String: Any] ?? [:]
        #expect(error["code"] as? String == "PROFILE_NOT_FOUND", "\(error)")
        let message = error["message"] as? String ?? ""
        #expect(message.contains("renamed or deleted part-way") && message.contains("the 150 posts done stay downloaded"), "\(message)")
        try kit.expectFilesMatchTheWorld([posts[0], posts[10], posts[149]], key: key)
        try expectOnlyWholeDownloads(151, key: key)
    }

    @Test func aProfileDeletedPartWayFailsClearlyKeepingThePostsDoneWhole() throws {
        let key = try kit.keyWithSession("midfan")
        let (posts, stopped) = try runChangedPartWay(key: key) { name in
            _ = try kit.sandbox.admin("DELETE", "/__sandbox/users/\(name)")
        }
        #expect(stopped["status"] as? String == "failed")
        let error = stopped["error"] as? [String: Any] ?? [:]
        #expect(error["code"] as? String == "PROFILE_NOT_FOUND", "\(error)")
        #expect((error["message"] as? String ?? "").contains("was deleted part-way: the 150 posts done stay downloaded"), "\(error)")
        #expect((stopped["progress"] as? [String: Any])?["posts_done"] as? Int == 150)
        try kit.expectFilesMatchTheWorld([posts[0], posts[10], posts[149]], key: key)
        try expectOnlyWholeDownloads(151, key: key)
        #expect(try kit.http.get("/api/downloads/\(posts[150]["shortcode"] as? String ?? "")", key: key).status == 404,
                "no post of the page after the deletion shows")
    }

    @Test func aPostListedOnTwoPagesIsDownloadedAndCountedOnce() throws {
        let key = try TestStack.newKey()
        let before = try kit.kit.lastRequestSequence()
        var oldest = ""
        let pin = { (pinned: Bool) in
            _ = try kit.sandbox.admin("POST", "/__sandbox/posts/pin", #"{"shortcode":"\#(oldest)","pinned":\#(pinned)}"#)
        }
        // The oldest post pinned is listed first on the first page; unpinned part-way, it is listed again on the fourth.
        let (posts, done) = try runChangedPartWay(key: key, prepare: { posts in
            oldest = posts[159]["shortcode"] as? String ?? ""
            try pin(true)
        }, change: { _ in try pin(false) })
        #expect(done["status"] as? String == "completed", "\(done["error"] ?? "")")
        let codes = ProfileTestKit.codes(done)
        #expect(codes.count == 160 && Set(codes) == Set(posts.compactMap { $0["shortcode"] as? String }), "every post, none twice")
        #expect((done["progress"] as? [String: Any])?["posts_done"] as? Int == 160)
        #expect((done["progress"] as? [String: Any])?["posts_from_storage"] as? Int == 0)
        let path = try #require((posts[159]["items"] as? [[String: Any]])?.first?["image_cdn_path"] as? String)
        #expect(try kit.kit.requests(after: before, path: path).count == 1, "its file is fetched once")
        try kit.expectFilesMatchTheWorld([posts[159]], key: key)
        try expectOnlyWholeDownloads(161, key: key) // 160 posts and the profile picture
    }

    @Test func aStoryThatExpiredPartWayIsSkippedWithItsReason() throws {
        let key = try kit.keyWithSession("midfan")
        let owner = ProfileTestKit.uniqueName("fleeting")
        try kit.account(owner)
        let first = try kit.story(owner, from: "photo-namsan-hidden-likes")
        let second = try kit.story(owner, from: "photo-sea")
        let slowPath = try #require(first["image_cdn_path"] as? String)
        let fault = try kit.kit.fault(#"{"kind":"latency","latency_ms":3000,"count":1,"method":"GET","path":"\#(slowPath)"}"#)
        defer { try? kit.kit.removeFault(fault) }
        let jobID = try kit.start("https://www.instagram.com/stories/\(owner)/", key: key)
        try waitFor(jobID, key: key) { ($0["progress"] as? [String: Any])?["posts_total"] as? Int == 2 }
        let expired = try kit.sandbox.admin("POST", "/__sandbox/stories/expire", #"{"pk":"\#(second["pk"] as? String ?? "")"}"#)
        #expect(expired["code"] as? String == second["code"] as? String)
        let done = try kit.wait(jobID, key: key)
        #expect(done["status"] as? String == "completed", "\(done["error"] ?? "")")
        #expect(ProfileTestKit.codes(done) == [first["code"] as? String].compactMap { $0 })
        let skipped = (done["result"] as? [String: Any])?["skipped"] as? [[String: Any]] ?? []
        #expect(skipped.count == 1 && skipped.first?["shortcode"] as? String == second["code"] as? String
                && skipped.first?["reason"] as? String == "expired", "\(skipped)")
        #expect((done["progress"] as? [String: Any])?["posts_skipped"] as? Int == 1)
        try kit.expectFilesMatchTheWorld([["shortcode": first["code"] ?? "", "items": [first]]], key: key)
        #expect(try kit.http.get("/api/downloads/\(second["code"] as? String ?? "")", key: key).status == 404, "nothing of it shows")
    }
}
