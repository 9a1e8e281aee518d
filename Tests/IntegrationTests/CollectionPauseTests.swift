import Foundation
import HTTPClient
import Testing

/// Pausing and resuming a profile download and a watch through the real stack (issue 16): state and progress
/// visible, the posts done kept, and a resumed run fetches none of their files again.
@Suite("Collection pause and resume", .threaded, .serialized, .needsStackAndSandbox)
struct CollectionPauseTests {
    let kit = ProfileTestKit()

    init() throws {
        try kit.kit.resetLimits()
    }

    /// Renamed while paused: the resumed attempt finds the profile by the pk the first attempt kept on the job (the
    /// URL's name no longer resolves), as a worker taking over a killed one's job does.
    @Test func aRunningProfileDownloadPausesAfterItsBatchAndResumesWithoutRefetchingUnderItsNewName() throws {
        let name = ProfileTestKit.uniqueName("paused")
        try kit.account(name)
        let posts = try kit.posts(name, from: "photo-hangang", count: 60) // two pages: 50, then 10
        let slowPath = try #require((posts[10]["items"] as? [[String: Any]])?.first?["image_cdn_path"] as? String)
        let fault = try kit.kit.fault(#"{"kind":"latency","latency_ms":5000,"count":1,"method":"GET","path":"\#(slowPath)"}"#)
        defer { try? kit.kit.removeFault(fault) }
        let key = try kit.keyWithSession("pausefan")
        let jobID = try kit.start("https://www.instagram.com/\(name)/", key: key)
        try waitFor(jobID, key: key) { $0["status"] as? String == "running" && ($0["progress"] as? [String: Any])?["phase"] as? String == "posts" }

        let pause = try kit.http.send("POST", "/api/collections/\(jobID)/pause", key: key)
        #expect(pause.status == 202 && pause.json["status"] as? String == "pausing", "\(pause.text)")
        let paused = try waitFor(jobID, key: key) { $0["status"] as? String == "paused" }
        #expect((paused["progress"] as? [String: Any])?["posts_done"] as? Int == 50, "the first page's batch is done and kept")
        #expect(try kit.http.get("/api/downloads", key: key).json["total"] as? Int == 51) // 50 posts and the profile picture
        Thread.sleep(forTimeInterval: 1.5)
        #expect(try kit.http.get("/api/collections/\(jobID)", key: key).json["status"] as? String == "paused", "no worker takes it")
        let again = try kit.http.send("POST", "/api/collections/\(jobID)/pause", key: key) // pausing a paused job changes nothing
        #expect(again.status == 200 && again.json["status"] as? String == "paused")
        _ = try kit.sandbox.admin("POST", "/__sandbox/users/rename", #"{"username":"\#(name)","to":"\#(name)x"}"#)
        let before = try kit.kit.lastRequestSequence()

        let resume = try kit.http.send("POST", "/api/collections/\(jobID)/resume", key: key)
        #expect(resume.status == 200 && resume.json["status"] as? String == "queued", "\(resume.text)")
        let done = try kit.wait(jobID, key: key)
        #expect(done["status"] as? String == "completed" && ProfileTestKit.codes(done).count == 60, "\(done["error"] ?? "")")
        #expect((done["result"] as? [String: Any])?["username"] as? String == name + "x", "followed by its pk to its new name")
        #expect((done["progress"] as? [String: Any])?["posts_from_storage"] as? Int == 50)
        let firstPage = Set(posts.prefix(50).flatMap { ($0["items"] as? [[String: Any]] ?? []).compactMap { $0["image_cdn_path"] as? String } })
        let refetched = try kit.kit.requests(after: before, path: "/").filter { firstPage.contains($0["path"] as? String ?? "") }
        #expect(refetched.isEmpty, "files of posts done were fetched again: \(refetched.count)")
        try kit.expectFilesMatchTheWorld(Array(posts.suffix(10)), key: key)
        try kit.http.send("POST", "/api/collections/\(jobID)/resume", key: key).expectEnvelope(status: 409, code: "JOB_NOT_PAUSED")
        try kit.http.send("POST", "/api/collections/\(jobID)/pause", key: key).expectEnvelope(status: 409, code: "JOB_FINISHED")
        try kit.http.send("POST", "/api/collections/\(jobID)/pause", key: try TestStack.newKey()).expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
    }

    @Test func aPausedWatchQueuesNoRunUntilResumed() throws {
        let name = ProfileTestKit.uniqueName("pausedwatch")
        try kit.account(name)
        let first = try kit.posts(name, from: "photo-slide-one")
        let key = try TestStack.newKey()
        let created = try kit.http.postJSON("/api/watch", #"{"url":"https://www.instagram.com/\#(name)/","every":2}"#, key: key)
        let watchID = try #require((created.json["watch"] as? [String: Any])?["id"] as? Int)
        #expect(try waitForDownload(first[0]["shortcode"] as? String ?? "", key: key))
        let pause = try kit.http.send("POST", "/api/watch/\(watchID)/pause", key: key)
        #expect([200, 202].contains(pause.status), "\(pause.text)")
        #expect(try waitForWatch(watchID, key: key) { $0["paused"] as? Bool == true && $0["last_job_status"] as? String == "queued" })

        try kit.advanceClock(600)
        let later = try kit.posts(name, from: "photo-slide-two")
        Thread.sleep(forTimeInterval: 5) // more than two periods of the watch
        #expect(try kit.http.get("/api/downloads/\(later[0]["shortcode"] as? String ?? "")", key: key).status == 404, "a paused watch runs no more")
        let resume = try kit.http.send("POST", "/api/watch/\(watchID)/resume", key: key)
        #expect(resume.status == 200, "\(resume.text)")
        #expect(try waitForDownload(later[0]["shortcode"] as? String ?? "", key: key))
        #expect(try waitForWatch(watchID, key: key) { $0["paused"] as? Bool == false })
        try kit.http.send("POST", "/api/watch/999999999/pause", key: key).expectEnvelope(status: 404, code: "WATCH_NOT_FOUND")
        #expect(try kit.http.send("DELETE", "/api/watch/\(watchID)", key: key).status == 200)
    }

    /// Polls the job's status until `done` holds (at most 60 s); the last status.
    @discardableResult
    func waitFor(_ jobID: String, key: String, _ done: ([String: Any]) -> Bool) throws -> [String: Any] {
        var status: [String: Any] = [:]
        let end = Date().addingTimeInterval(60)
        while Date() < end {
            status = try kit.http.get("/api/collections/\(jobID)", key: key).json
            if done(status) { return status }
            Thread.sleep(forTimeInterval: 0.2)
        }
        Issue.record("the job never got there: \(status)")
        return status
    }

    func waitForWatch(_ id: Int, key: String, _ done: ([String: Any]) -> Bool) throws -> Bool {
        let end = Date().addingTimeInterval(60)
        while Date() < end {
            let watches = try kit.http.get("/api/watch", key: key).json["watches"] as? [[String: Any]] ?? []
            if let watch = watches.first(where: { $0["id"] as? Int == id }), done(watch) { return true }
            Thread.sleep(forTimeInterval: 0.25)
        }
        return false
    }

    /// Polls the downloads list until the shortcode is completed (at most 60 s).
    func waitForDownload(_ code: String, key: String) throws -> Bool {
        let end = Date().addingTimeInterval(60)
        while Date() < end {
            if try kit.http.get("/api/downloads/\(code)", key: key).status == 200 { return true }
            Thread.sleep(forTimeInterval: 0.25)
        }
        return false
    }
}
