import Foundation
import Testing

/// `STORAGE_ERROR` end to end (README, "Downloads"): a responder whose downloads directory cannot be written
/// answers a download with 500 `STORAGE_ERROR` in the error envelope and records no download. The responder is
/// the test's own (its own `INSTAGATE_HOME`, where `downloads` is a plain file, so nothing can be created under
/// it, even as root), so the shared stack's storage is never touched.
extension ProcessTests {
    @Test(.needsStackAndSandbox) func unwritableDownloadsDirectoryAnswersStorageError() throws {
        let kit = DownloadTestKit()
        let dir = try temporaryDirectory()
        let home = "\(dir)/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try Data("not a directory\n".utf8).write(to: URL(fileURLWithPath: "\(home)/downloads"))
        let socket = "\(dir)/storage.sock"
        let server = try startServer(["INSTAGATE_LISTEN": "unix:\(socket)", "INSTAGATE_HOME": home,
                                      "INSTAGATE_SECRET_KEY_FILE": "\(TestStack.home)/secret.key",
                                      "INSTAGATE_SECURE_LINK_SECRET_FILE": "\(TestStack.home)/secure-link.secret"],
                                     log: "\(dir)/storage.log")
        defer { _ = stop(server) }
        #expect(waitFor({ FileManager.default.fileExists(atPath: socket) }, seconds: 30),
                "socket never appeared: \((try? String(contentsOfFile: "\(dir)/storage.log", encoding: .utf8)) ?? "")")
        let key = try TestStack.newKey()
        let code = try kit.shortcode("mina-coffee")
        let body = Data(#"{"url":"https://www.instagram.com/p/\#(code)/","refresh":true}"#.utf8)
        let out = try fastCGI(socket, ["REQUEST_METHOD": "POST", "REQUEST_URI": "/api/download", "SCRIPT_NAME": "/api/download",
                                       "CONTENT_TYPE": "application/json", "HTTP_AUTHORIZATION": "Bearer \(key)"], body: body)
        #expect(out.hasPrefix("Status: 500"), "\(out.prefix(400))")
        let json = out.components(separatedBy: "\r\n\r\n").dropFirst().joined()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(out.prefix(400))")
        #expect(object["success"] as? Bool == false)
        #expect(object["error_code"] as? String == "STORAGE_ERROR", "\(object)")
        #expect((object["message"] as? String)?.isEmpty == false)
        // Nothing recorded for the user (the stack answers for the same database).
        try kit.http.get("/api/downloads/\(code)", key: key).expectEnvelope(status: 404, code: "NOT_FOUND")
        #expect(stop(server))
    }
}
