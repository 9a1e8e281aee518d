import Foundation
import HTTPClient
import Testing

/// Helpers of the profile, stories and highlight tests: accounts and content made in the sandbox for one test,
/// collection jobs through nginx, the world's bytes of a CDN path.
struct ProfileTestKit {
    let kit = DownloadTestKit()
    var sandbox: SandboxTestClient { kit.sandbox }
    var http: TestHTTP { kit.http }

    /// A username no other test uses.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix).\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// A new sandbox account.
    func account(_ username: String, private: Bool = false) throws {
        let made = try sandbox.admin("POST", "/__sandbox/users",
                                     #"{"username":"\#(username)","private":\#(`private`),"profile_pic":"a-star.jpg"}"#)
        #expect(made["username"] as? String == username, "the sandbox did not make @\(username): \(made)")
    }

    /// A new API key with a saved session of a new sandbox account named after `prefix`.
    func keyWithSession(_ prefix: String) throws -> String {
        let key = try TestStack.newKey()
        let viewer = ProfileTestKit.uniqueName(prefix)
        try account(viewer)
        let session = try sandbox.session(viewer)
        let cookie = String(session.cookie.dropFirst("sessionid=".count).prefix { $0 != ";" })
        let saved = try kit.saveSession(viewer, (cookie, session.csrf), key: key)
        #expect(saved.status == 200 || saved.status == 201, "\(saved.text)")
        return key
    }

    /// `count` new posts of `owner` copying the world post `from`, newest first.
    @discardableResult
    func posts(_ owner: String, from key: String, count: Int = 1) throws -> [[String: Any]] {
        let made = try sandbox.admin("POST", "/__sandbox/posts", #"{"owner":"\#(owner)","from":"\#(key)","count":\#(count)}"#)
        return try #require(made["posts"] as? [[String: Any]])
    }

    /// A story of `owner` showing the first item of the world post `from`.
    func story(_ owner: String, from key: String) throws -> [String: Any] {
        let made = try sandbox.admin("POST", "/__sandbox/stories", #"{"owner":"\#(owner)","from":"\#(key)"}"#)
        #expect(made["code"] is String, "no story made: \(made)")
        return made
    }

    /// Moves the sandbox clock forward.
    func advanceClock(_ seconds: Int) throws {
        _ = try sandbox.admin("POST", "/__sandbox/clock", #"{"advance":\#(seconds)}"#)
    }

    /// The bytes the sandbox's CDN serves for a path (signed for an hour).
    func worldBytes(_ cdnPath: String) throws -> [UInt8] {
        let expires = Int(Date().timeIntervalSince1970) + 3600
        let signed = try sandbox.admin("GET", "/__sandbox/cdn/sign?path=\(cdnPath)&expires=\(expires)")
        let answer = try sandbox.send("GET", try #require(signed["url"] as? String))
        #expect(answer.status == 200)
        return answer.body
    }

    /// POST /api/download of a collection URL: the 202 answer's job id.
    func start(_ url: String, extra: String = "", key: String = TestStack.apiKey) throws -> String {
        let answer = try kit.post(#"{"url":"\#(url)"\#(extra)}"#, apiKey: key)
        #expect(answer.status == 202, "\(answer.status) \(answer.text.prefix(400))")
        return try #require(answer.json["job_id"] as? String)
    }

    /// Polls `GET /api/collections/{id}` until the job has ended (at most `seconds`).
    func wait(_ jobID: String, key: String = TestStack.apiKey, seconds: Double = 90) throws -> [String: Any] {
        var status: [String: Any] = [:]
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            status = try http.get("/api/collections/\(jobID)", key: key).json
            if ["completed", "failed", "cancelled"].contains(status["status"] as? String ?? "") { break }
            Thread.sleep(forTimeInterval: 0.25)
        }
        return status
    }

    /// The shortcodes of a finished job's items.
    static func codes(_ status: [String: Any]) -> [String] {
        ((status["result"] as? [String: Any])?["items"] as? [[String: Any]] ?? []).compactMap { $0["shortcode"] as? String }
    }

    /// Checks every file of each downloaded post against the world's bytes of its item (photo, video, thumbnail):
    /// fetched by its signed link through nginx.
    func expectFilesMatchTheWorld(_ posts: [[String: Any]], key: String = TestStack.apiKey) throws {
        for post in posts {
            let code = try #require(post["shortcode"] as? String)
            let download = try #require(try http.get("/api/downloads/\(code)", key: key).json["download"] as? [String: Any])
            let files = try #require(download["files"] as? [[String: Any]])
            let items = try #require(post["items"] as? [[String: Any]])
            #expect(files.count == items.count + items.filter { $0["is_video"] as? Bool == true }.count, "files of \(code)")
            for file in files {
                let index = try #require(file["index"] as? Int)
                let item = items[index - 1]
                let path = file["kind"] as? String == "video" ? item["video_cdn_path"] as? String : item["image_cdn_path"] as? String
                let served = try kit.fetch(try #require(file["url"] as? String))
                #expect(served.status == 200)
                #expect(DownloadTestKit.sha256(served.body) == DownloadTestKit.sha256(try worldBytes(try #require(path))),
                        "\(code) \(file["name"] ?? "")")
            }
        }
    }
}
