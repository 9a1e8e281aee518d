import Foundation
import HTTPClient
import Testing

/// Stories and highlights with a saved session, and a watch that picks up a new post (issue 16).
@Suite("Story downloads", .threaded, .serialized, .needsStackAndSandbox)
struct StoryDownloadTests {
    let kit = ProfileTestKit()

    /// Fresh pacing counters: the runs make anonymous calls from the worker's address, as other suites do.
    init() throws {
        try kit.kit.resetLimits()
    }

    /// The story's world entry in the shape `expectFilesMatchTheWorld` reads.
    func asPost(_ story: [String: Any]) -> [String: Any] {
        ["shortcode": story["code"] ?? "", "items": [story]]
    }

    @Test func storiesAndAHighlightWithASession() throws {
        let key = try kit.keyWithSession("fan")
        let owner = ProfileTestKit.uniqueName("teller")
        try kit.account(owner)
        let photo = try kit.story(owner, from: "photo-namsan-hidden-likes")
        let video = try kit.story(owner, from: "video-busan")
        let all = try kit.wait(try kit.start("https://www.instagram.com/stories/\(owner)/", key: key), key: key)
        #expect(all["status"] as? String == "completed", "\(all["error"] ?? "")")
        #expect(ProfileTestKit.codes(all) == [photo["code"] as? String, video["code"] as? String].compactMap { $0 })
        try kit.expectFilesMatchTheWorld([asPost(photo), asPost(video)], key: key)

        let one = try kit.wait(try kit.start("https://www.instagram.com/stories/\(owner)/\(video["pk"] as? String ?? "")/", key: key), key: key)
        #expect(ProfileTestKit.codes(one) == [video["code"] as? String].compactMap { $0 })

        let highlight = try kit.sandbox.admin("POST", "/__sandbox/highlights",
                                              #"{"owner":"\#(owner)","title":"Trips","stories":["\#(photo["pk"] as? String ?? "")","\#(video["pk"] as? String ?? "")"]}"#)
        let id = try #require(highlight["id"] as? String)
        try kit.advanceClock(86_401) // the stories expire; the highlight keeps them
        let gone = try kit.wait(try kit.start("https://www.instagram.com/stories/\(owner)/\(photo["pk"] as? String ?? "")/", key: key), key: key)
        #expect(gone["status"] as? String == "failed" && (gone["error"] as? [String: Any])?["code"] as? String == "STORY_NOT_FOUND")
        let share = Data("highlight:\(id)".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        let kept = try kit.wait(try kit.start("https://www.instagram.com/s/\(share)?story_media_id=1", key: key), key: key)
        #expect(kept["status"] as? String == "completed" && (kept["result"] as? [String: Any])?["title"] as? String == "Trips")
        #expect(ProfileTestKit.codes(kept) == ProfileTestKit.codes(all))
    }

    /// The watched profile is renamed between two runs: the next run follows it by its pk (the user has a saved
    /// session to look it up with) and the watch takes the new name.
    @Test func aWatchPicksUpANewPostAndFollowsARename() throws {
        let name = ProfileTestKit.uniqueName("watched")
        try kit.account(name)
        let first = try kit.posts(name, from: "photo-slide-one")
        let key = try kit.keyWithSession("keeper")
        let created = try kit.http.postJSON("/api/watch", #"{"url":"https://www.instagram.com/\#(name)/","every":2}"#, key: key)
        #expect(created.status == 201, "\(created.text)")
        let watchID = try #require((created.json["watch"] as? [String: Any])?["id"] as? Int)
        #expect(try waitForDownload(first[0]["shortcode"] as? String ?? "", key: key))
        _ = try kit.sandbox.admin("POST", "/__sandbox/users/rename", #"{"username":"\#(name)","to":"\#(name)x"}"#)
        try kit.advanceClock(600)
        let later = try kit.posts("\(name)x", from: "photo-slide-two")
        #expect(try waitForDownload(later[0]["shortcode"] as? String ?? "", key: key), "the run after the rename found the profile by its pk")
        let listed = try kit.http.get("/api/watch", key: key).json["watches"] as? [[String: Any]] ?? []
        #expect(listed.map { $0["id"] as? Int } == [watchID])
        #expect(listed.first?["url"] as? String == "https://www.instagram.com/\(name)x/", "the watch took the new name: \(listed)")
        #expect(try kit.http.send("DELETE", "/api/watch/\(watchID)", key: key).status == 200)
        #expect((try kit.http.get("/api/watch", key: key).json["watches"] as? [Any])?.isEmpty == true)
        let refused = try kit.http.postJSON("/api/watch", #"{"url":"https://www.instagram.com/p/BqvsDleB3lV/","every":1}"#, key: key)
        refused.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
    }

    /// A watch of a profile's stories, the profile renamed between two runs: the next run finds the profile by the pk
    /// the run before kept (its stories URL's name no longer resolves), saves the story posted under the new name, and
    /// the watch takes the new name.
    @Test func aStoriesWatchFollowsARename() throws {
        let name = ProfileTestKit.uniqueName("storied")
        try kit.account(name)
        let first = try kit.story(name, from: "photo-namsan-hidden-likes")
        let key = try kit.keyWithSession("storyfan")
        let created = try kit.http.postJSON("/api/watch", #"{"url":"https://www.instagram.com/stories/\#(name)/","every":2}"#, key: key)
        #expect(created.status == 201, "\(created.text)")
        let watchID = try #require((created.json["watch"] as? [String: Any])?["id"] as? Int)
        #expect(try waitForDownload(first["code"] as? String ?? "", key: key))
        _ = try kit.sandbox.admin("POST", "/__sandbox/users/rename", #"{"username":"\#(name)","to":"\#(name)x"}"#)
        let later = try kit.story("\(name)x", from: "video-busan")
        #expect(try waitForDownload(later["code"] as? String ?? "", key: key), "the run after the rename found the profile by its pk")
        try kit.expectFilesMatchTheWorld([asPost(later)], key: key)
        let listed = try kit.http.get("/api/watch", key: key).json["watches"] as? [[String: Any]] ?? []
        #expect(listed.first?["url"] as? String == "https://www.instagram.com/stories/\(name)x/", "the watch took the new name: \(listed)")
        #expect(try kit.http.send("DELETE", "/api/watch/\(watchID)", key: key).status == 200)
    }

    /// Polls the downloads list until the shortcode is completed (at most 60 s).
    func waitForDownload(_ code: String, key: String) throws -> Bool {
        let end = Date().addingTimeInterval(60)
        while Date() < end {
            let download = try kit.http.get("/api/downloads/\(code)", key: key)
            if download.status == 200, (download.json["download"] as? [String: Any])?["status"] as? String == "completed" { return true }
            Thread.sleep(forTimeInterval: 0.5)
        }
        return false
    }
}
