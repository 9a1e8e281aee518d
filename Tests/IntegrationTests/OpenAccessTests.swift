import Foundation
import Testing

/// The single-user mode (issue 12): `INSTAGATE_OPEN_ACCESS=NAME` on a responder of the test's own (its own home,
/// its own nginx.conf to check). Refused at start (exit 78, the reason logged) when nginx listens beyond loopback;
/// otherwise a request without a key acts as that API user, a wrong key is still 401, and `GET /` says so.
extension ProcessTests {
    /// A home whose nginx/nginx.conf has these `listen` lines.
    func homeWithNginx(listening listens: [String]) throws -> String {
        let home = try temporaryDirectory() + "/home"
        try FileManager.default.createDirectory(atPath: "\(home)/nginx/conf.d", withIntermediateDirectories: true)
        let servers = listens.map { "    server {\n        listen \($0); # the API\n    }\n" }.joined()
        try "http {\n\(servers)}\n".write(toFile: "\(home)/nginx/nginx.conf", atomically: true, encoding: .utf8)
        return home
    }

    @Test func openAccessIsRefusedUnlessNginxListensOnLoopbackOnly() throws {
        for listens in [["0.0.0.0:8080"], ["127.0.0.1:8080", "443 ssl"], ["[::]:80"]] {
            let home = try homeWithNginx(listening: listens)
            let server = try startServer(["INSTAGATE_HOME": home, "INSTAGATE_OPEN_ACCESS": "someone",
                                          "INSTAGATE_LISTEN": "unix:\(home)/open.sock"], log: "\(home)/serve.log")
            let ended = waitFor({ !server.isRunning }, seconds: 30)
            if !ended { _ = stop(server) }
            #expect(ended, "\(listens): still running")
            #expect(server.terminationStatus == 78, "\(listens): exit \(server.terminationStatus)")
            let log = (try? String(contentsOfFile: "\(home)/serve.log", encoding: .utf8)) ?? ""
            #expect(log.contains("INSTAGATE_OPEN_ACCESS") && log.contains("refused"), "\(listens): \(log.suffix(400))")
        }
    }

    @Test func keylessRequestsActAsTheNamedUserOnLoopback() throws {
        let name = "open-\(UUID().uuidString.prefix(8))"
        _ = try TestStack.newKey(name: name)
        let home = try homeWithNginx(listening: ["127.0.0.1:8080", "[::1]:8080"])
        let socket = "\(home)/open.sock"
        let server = try startServer(["INSTAGATE_HOME": home, "INSTAGATE_OPEN_ACCESS": name, "INSTAGATE_LISTEN": "unix:\(socket)",
                                      "INSTAGATE_SECRET_KEY_FILE": "\(TestStack.home)/secret.key",
                                      "INSTAGATE_SECURE_LINK_SECRET_FILE": "\(TestStack.home)/secure-link.secret"], log: "\(home)/serve.log")
        defer { _ = stop(server) }
        #expect(waitFor({ FileManager.default.fileExists(atPath: socket) }, seconds: 30),
                "no socket: \((try? String(contentsOfFile: "\(home)/serve.log", encoding: .utf8)) ?? "")")
        let me = try fastCGI(socket, ["REQUEST_METHOD": "GET", "REQUEST_URI": "/api/me", "SCRIPT_NAME": "/api/me"])
        #expect(me.hasPrefix("Status: 200"), "\(me.prefix(300))")
        #expect(me.contains(#""name":"\#(name)""#), "\(me.prefix(400))")
        let wrong = try fastCGI(socket, ["REQUEST_METHOD": "GET", "REQUEST_URI": "/api/me", "SCRIPT_NAME": "/api/me",
                                         "HTTP_AUTHORIZATION": "Bearer igk_notarealkey"])
        #expect(wrong.hasPrefix("Status: 401"), "a key that is given must be valid: \(wrong.prefix(300))")
        let root = try fastCGI(socket, ["REQUEST_METHOD": "GET", "REQUEST_URI": "/", "SCRIPT_NAME": "/"])
        #expect(root.contains("OPEN ACCESS") && root.contains(name), "\(root.prefix(600))")
        let log = (try? String(contentsOfFile: "\(home)/serve.log", encoding: .utf8)) ?? ""
        #expect(log.contains("OPEN ACCESS"), "said loudly in the log: \(log.suffix(400))")
    }
}
