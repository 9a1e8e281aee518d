import Crypto
import Foundation
import HTTPClient
import Testing

/// Signed links, history, and the sandbox's CDN faults (issue 6): in the same serialized suite as the rest.
extension DownloadTests {
    @Test("a tampered or expired link is 403 from nginx in the envelope; the seed path needs a signature")
    func signedLinks() throws {
        let answer = try kit.download("photo-hangang")
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        let url = try #require(answer.json["media_url"] as? String)
        #expect(try kit.fetch(url).status == 200)
        let tampered = url.replacingOccurrences(of: "md5=", with: "md5=x")
        try kit.fetch(tampered).expectEnvelope(status: 403, code: "FORBIDDEN")
        let unsigned = String(url[..<url.firstIndex(of: "?")!])
        try kit.fetch(unsigned).expectEnvelope(status: 403, code: "FORBIDDEN")
        let secret = try String(contentsOfFile: "\(TestStack.home)/secure-link.secret", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let path = String(unsigned.dropFirst(TestStack.baseURL.count))
        let past = Int(Date().timeIntervalSince1970) - 60
        let digest = Data(Insecure.MD5.hash(data: Array("\(past)\(path) \(secret)".utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        try kit.fetch("\(unsigned)?md5=\(digest)&expires=\(past)").expectEnvelope(status: 403, code: "FORBIDDEN")
    }

    @Test("history: newest first, paginated, one download, delete removes row and files")
    func history() throws {
        let key = try TestStack.newKey()
        #expect(try kit.download("photo-night", apiKey: key).status == 200)
        #expect(try kit.download("photo-sea", apiKey: key).status == 200)
        let page = try kit.http.get("/api/downloads?limit=1", key: key)
        #expect(page.status == 200)
        let downloads = page.json["downloads"] as? [[String: Any]] ?? []
        #expect(downloads.map { $0["shortcode"] as? String } == [try kit.shortcode("photo-sea")])
        #expect(page.json["total"] as? Int == 2)
        try kit.http.get("/api/downloads?limit=0", key: key).expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        let code = try kit.shortcode("photo-night")
        let one = try kit.http.get("/api/downloads/\(code)", key: key)
        #expect(one.status == 200)
        let item = try #require(one.json["download"] as? [String: Any])
        #expect(item["status"] as? String == "completed")
        #expect(item["media_url"] is String)
        try kit.http.get("/api/downloads/\(code)").expectEnvelope(status: 404, code: "NOT_FOUND")
        #expect(try kit.http.send("DELETE", "/api/downloads/\(code)", key: key).status == 200)
        try kit.http.get("/api/downloads/\(code)", key: key).expectEnvelope(status: 404, code: "NOT_FOUND")
        #expect(!FileManager.default.fileExists(atPath: DownloadTestKit.directory(code)))
    }

    @Test("CDN faults that heal (slow, reset mid-file, truncated body, wrong length, 5xx, 429, expired signature) end in a correct download",
          arguments: [
              #"{"kind":"slow","bytes_per_second":20000,"count":1}"#,
              #"{"kind":"reset","count":2}"#,
              #"{"kind":"truncate","fraction":0.5,"count":2}"#,
              #"{"kind":"wrong_length","delta":100,"count":1}"#,
              #"{"kind":"status","status":503,"count":2}"#,
              #"{"kind":"status","status":429,"count":1}"#,
              #"{"kind":"status","status":403,"count":1}"#,
          ])
    func healingFault(_ fault: String) throws {
        let rule = try #require(try JSONSerialization.jsonObject(with: Data(fault.utf8)) as? [String: Any])
        let kind = try #require(rule["kind"] as? String)
        let count = try #require(rule["count"] as? Int)
        let item = try kit.item("video-busan", 0)
        let cdnPath = try #require(item["video_cdn_path"] as? String)
        let video = cdnPath.hasPrefix("/") ? cdnPath : "/" + cdnPath
        // The source: the world's file through a signed CDN URL, fetched before the fault is armed.
        let source = try kit.cdnFile("video-busan", video: true)
        #expect(source.count > 1000 && Array(source[4..<8]) == Array("ftyp".utf8), "the world's video")
        let before = try kit.lastRequestSequence()
        let id = try kit.fault(String(fault.dropLast()) + #","path":"\#(video)"}"#)
        defer { try? kit.removeFault(id) }
        let answer = try kit.download("video-busan", extra: #","refresh":true"#)
        #expect(answer.status == 200, "\(fault): \(answer.text.prefix(300))")
        let files = DownloadTestKit.files(answer.json)
        let served = try kit.fetch(try #require(answer.json["media_url"] as? String))
        #expect(served.body.count == source.count, "\(fault): served \(served.body.count) bytes, the CDN's file has \(source.count)")
        #expect(served.body == source, "\(fault): the served file is the CDN's file")
        #expect(files.first?["sha256"] as? String == DownloadTestKit.sha256(source), "\(fault): the answer's SHA-256 is the source's")
        #expect(DownloadTestKit.sha256(served.body) == files.first?["sha256"] as? String)
        // The fault fired on the downloader's requests, every time it was armed for (the download ran through it).
        let fired = try kit.firedFaults(after: before, path: video, kind: kind)
        #expect(fired.count == count, "\(fault): fired \(fired.count) times: \(fired.map { "\($0["method"] ?? "") \($0["status"] ?? "")" })")
    }

    @Test("a CDN that keeps failing (5xx, resets, a refused signature) is UPSTREAM_ERROR, a 429 storm RATE_LIMIT_EXCEEDED with Retry-After; no partial file, nothing recorded",
          arguments: [
              (#"{"kind":"status","status":500,"count":50"#, 502, "UPSTREAM_ERROR"),
              (#"{"kind":"status","status":429,"count":50"#, 429, "RATE_LIMIT_EXCEEDED"),
              (#"{"kind":"reset","count":50"#, 502, "UPSTREAM_ERROR"),
              (#"{"kind":"status","status":403,"count":50"#, 502, "UPSTREAM_ERROR"),
          ])
    func persistentFault(_ fault: String, status: Int, code errorCode: String) throws {
        let key = try TestStack.newKey()
        let photo = try #require(try kit.item("photo-slide-one", 0)["image_cdn_path"] as? String)
        let id = try kit.fault(fault + #","path":"\#(photo)"}"#)
        defer { try? kit.removeFault(id) }
        let answer = try kit.download("photo-slide-one", apiKey: key, extra: #","refresh":true"#)
        answer.expectEnvelope(status: status, code: errorCode)
        if status == 429 {
            #expect(answer.header("Retry-After").flatMap(Int.init).map { $0 > 0 } == true, "Retry-After: \(answer.header("Retry-After") ?? "none")")
        }
        let code = try kit.shortcode("photo-slide-one")
        try kit.http.get("/api/downloads/\(code)", key: key).expectEnvelope(status: 404, code: "NOT_FOUND")
        let partial = "\(TestStack.home)/downloads/.partial/\(code)"
        #expect(!FileManager.default.fileExists(atPath: partial))
        #expect(!FileManager.default.fileExists(atPath: DownloadTestKit.directory(code)), "nothing of the post is served")
    }

    @Test("sessions: saved after Instagram checks them, listed without secrets, deleted; expired ones refused")
    func sessions() throws {
        let key = try TestStack.newKey()
        let session = try kit.freshSession("mina.kim")
        let saved = try kit.saveSession("mina.kim", session, key: key)
        #expect(saved.status == 201, "\(saved.text.prefix(300))")
        let listed = try kit.http.get("/api/instagram/sessions", key: key)
        #expect(listed.status == 200)
        #expect(!listed.text.contains(session.csrf))
        #expect(!listed.text.contains(String(session.sessionID.suffix(20))))
        #expect((listed.json["sessions"] as? [[String: Any]])?.first?["username"] as? String == "mina.kim")
        let expired = try kit.freshSession("expired.user", state: "expired")
        try kit.http.postJSON("/api/instagram/session",
                              #"{"username":"expired.user","session_id":"\#(expired.sessionID)","csrf_token":"\#(expired.csrf)"}"#, key: key)
            .expectEnvelope(status: 403, code: "INVALID_SESSION")
        try kit.http.postJSON("/api/instagram/session", #"{"username":"mina.kim","session_id":"","csrf_token":"x"}"#, key: key)
            .expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(try kit.http.send("DELETE", "/api/instagram/session/mina.kim", key: key).status == 200)
        try kit.http.send("DELETE", "/api/instagram/session/mina.kim", key: key).expectEnvelope(status: 404, code: "NOT_FOUND")
    }
}
