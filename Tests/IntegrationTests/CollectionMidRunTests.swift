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

    /// A profile of 110 photo posts (three pages: 50, 50, then 10) whose run is held 4 s inside its first page (a slow
    /// CDN file), started with `key`; `change` runs once a file of the second page is being fetched while the first
    /// page still waits (the next page is asked while a batch downloads), so the third page is the first to see it;
    /// `prepare` runs on the posts before the run starts. The posts, and the job's final status.
    func runChangedPartWay(key: String, prepare: ([[String: Any]]) throws -> Void = { _ in },
                           change: (String) throws -> Void) throws -> (posts: [[String: Any]], status: [String: Any]) {
        let name = ProfileTestKit.uniqueName("midrun")
        try kit.account(name)
        let posts = try kit.posts(name, from: "photo-hangang", count: 110)
        try prepare(posts)
        let slowPath = try #require((posts[10]["items"] as? [[String: Any]])?.first?["image_cdn_path"] as? String)
        let secondPage = try #require((posts[50]["items"] as? [[String: Any]])?.first?["image_cdn_path"] as? String)
        let fault = try kit.kit.fault(#"{"kind":"latency","latency_ms":4000,"count":1,"method":"GET","path":"\#(slowPath)"}"#)
        defer { try? kit.kit.removeFault(fault) }
        let before = try kit.kit.lastRequestSequence()
        let jobID = try kit.start("https://www.instagram.com/\(name)/", key: key)
        let end = Date().addingTimeInterval(60)
        while try kit.kit.requests(after: before, path: secondPage).isEmpty, Date() < end { Thread.sleep(forTimeInterval: 0.05) }
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
        #expect(ProfileTestKit.codes(done).count == 110)
        try kit.expectFilesMatchTheWorld(Array(posts.suffix(3)), key: key)
        try expectOnlyWholeDownloads(111, key: key) // 110 posts and the profile picture
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
        #expect(message.contains("renamed or deleted part-way") && message.contains("the 100 posts done stay downloaded"), "\(message)")
        try kit.expectFilesMatchTheWorld([posts[0], posts[10], posts[99]], key: key)
        try expectOnlyWholeDownloads(101, key: key)
    }

    @Test func aProfileDeletedPartWayFailsClearlyKeepingThePostsDoneWhole() throws {
        let key = try kit.keyWithSession("midfan")
        let (posts, stopped) = try runChangedPartWay(key: key) { name in
            _ = try kit.sandbox.admin("DELETE", "/__sandbox/users/\(name)")
        }
        #expect(stopped["status"] as? String == "failed")
        let error = stopped["error"] as? [String: Any] ?? [:]
        #expect(error["code"] as? String == "PROFILE_NOT_FOUND", "\(error)")
        #expect((error["message"] as? String ?? "").contains("was deleted part-way: the 100 posts done stay downloaded"), "\(error)")
        #expect((stopped["progress"] as? [String: Any])?["posts_done"] as? Int == 100)
        try kit.expectFilesMatchTheWorld([posts[0], posts[10], posts[99]], key: key)
        try expectOnlyWholeDownloads(101, key: key)
        #expect(try kit.http.get("/api/downloads/\(posts[100]["shortcode"] as? String ?? "")", key: key).status == 404,
                "no post of the page after the deletion shows")
    }

    @Test func aPostListedOnTwoPagesIsDownloadedAndCountedOnce() throws {
        let key = try TestStack.newKey()
        let before = try kit.kit.lastRequestSequence()
        var oldest = ""
        let pin = { (pinned: Bool) in
            _ = try kit.sandbox.admin("POST", "/__sandbox/posts/pin", #"{"shortcode":"\#(oldest)","pinned":\#(pinned)}"#)
        }
        // The oldest post pinned is listed first on the first page; unpinned part-way, it is listed again on the third.
        let (posts, done) = try runChangedPartWay(key: key, prepare: { posts in
            oldest = posts[109]["shortcode"] as? String ?? ""
            try pin(true)
        }, change: { _ in try pin(false) })
        #expect(done["status"] as? String == "completed", "\(done["error"] ?? "")")
        let codes = ProfileTestKit.codes(done)
        #expect(codes.count == 110 && Set(codes) == Set(posts.compactMap { $0["shortcode"] as? String }), "every post, none twice")
        #expect((done["progress"] as? [String: Any])?["posts_done"] as? Int == 110)
        #expect((done["progress"] as? [String: Any])?["posts_from_storage"] as? Int == 0)
        let path = try #require((posts[109]["items"] as? [[String: Any]])?.first?["image_cdn_path"] as? String)
        #expect(try kit.kit.requests(after: before, path: path).count == 1, "its file is fetched once")
        try kit.expectFilesMatchTheWorld([posts[109]], key: key)
        try expectOnlyWholeDownloads(111, key: key) // 110 posts and the profile picture
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
