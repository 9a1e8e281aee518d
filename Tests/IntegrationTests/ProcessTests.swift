import Foundation
import Postgres
import Testing

/// The responder as a process: its own socket, SIGTERM, CGI mode, an inherited socket (spawn-fcgi).
@Suite(.threaded, .needsStack)
struct ProcessTests {
    /// A scratch directory under the stack's home, removed with it by deploy/test.
    func temporaryDirectory() throws -> String {
        let base = TestStack.home.isEmpty ? NSTemporaryDirectory() : TestStack.home + "/tmp"
        let path = base + "/process-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// One FastCGI request with libfcgi's own client, `cgi-fcgi`.
    func fastCGIRequest(socket: String, path: String) throws -> String {
        let result = try TestStack.run("/usr/bin/cgi-fcgi", ["-bind", "-connect", socket], environment: [
            "REQUEST_METHOD": "GET", "REQUEST_URI": path, "SCRIPT_NAME": path, "SERVER_PROTOCOL": "HTTP/1.1",
        ])
        return result.out
    }

    func waitFor(_ condition: () -> Bool, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    func serverEnvironment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["INSTAGATE_DATABASE_URL"] = TestStack.databaseURL
        env["INSTAGATE_THREADS"] = "2"
        env["INSTAGATE_LOG_LEVEL"] = "warning"
        env.merge(extra) { _, new in new }
        return env
    }

    @Test func sigtermStopsGracefullyWithStatusZero() throws {
        let dir = try temporaryDirectory()
        let socket = "\(dir)/s.sock"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestStack.binary)
        process.arguments = ["serve"]
        // A shutdown timeout far beyond the wait below: with nothing in flight the responder must not use it.
        process.environment = serverEnvironment(["INSTAGATE_LISTEN": "unix:\(socket)", "INSTAGATE_SHUTDOWN_TIMEOUT": "600"])
        try process.run()
        #expect(waitFor({ FileManager.default.fileExists(atPath: socket) }, seconds: 30), "socket never appeared")
        let answer = try fastCGIRequest(socket: socket, path: "/health")
        #expect(answer.hasPrefix("Status: 200"), "\(answer.prefix(200))")
        #expect(answer.contains(#""database":"ok""#))
        process.terminate() // SIGTERM
        let stopped = waitFor({ !process.isRunning }, seconds: 120)
        if !stopped { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(stopped, "SIGTERM with no request in flight waited for INSTAGATE_SHUTDOWN_TIMEOUT (600 s)")
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: socket), "the socket is removed on exit")
    }

    @Test func answersAsPlainCGI() throws {
        let result = try TestStack.run(TestStack.binary, ["serve"], environment: serverEnvironment([
            "GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": "GET", "REQUEST_URI": "/health", "SCRIPT_NAME": "/health",
        ]), input: Data())
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.hasPrefix("Status: 200 OK\r\n"), "\(result.out.prefix(200))")
        #expect(result.out.contains(#""database":"ok""#))
    }

    @Test func cgiModeRefusesAWrongKeyBeforeTheBody() throws {
        let body = Data(#"{"name":"x"}"#.utf8)
        let result = try TestStack.run(TestStack.binary, ["serve"], environment: serverEnvironment([
            "REQUEST_METHOD": "POST", "REQUEST_URI": "/api/keys", "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": String(body.count), "HTTP_AUTHORIZATION": "Bearer igk_wrong",
        ]), input: body)
        #expect(result.out.hasPrefix("Status: 401"), "\(result.out.prefix(200))")
        #expect(result.out.contains("WWW-Authenticate: Bearer"))
    }

    /// A request only the body can answer: with a valid key, `POST /api/analyze` names the one bad field of the
    /// body it read (`username`); an unread (empty) body would be a different error without that field.
    @Test func cgiModeReadsTheBody() throws {
        let body = Data(#"{"csrf_token":"cgi-csrf","session_id":"cgi-session","username":"../etc"}"#.utf8)
        let result = try TestStack.run(TestStack.binary, ["serve"], environment: serverEnvironment([
            "GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": "POST", "REQUEST_URI": "/api/analyze", "SCRIPT_NAME": "/api/analyze",
            "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": String(body.count),
            "HTTP_AUTHORIZATION": "Bearer \(TestStack.apiKey)",
        ]), input: body)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.hasPrefix("Status: 422"), "\(result.out.prefix(300))")
        let json = try #require(result.out.range(of: "\r\n\r\n").map { String(result.out[$0.upperBound...]) })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["error_code"] as? String == "VALIDATION_ERROR", "\(json.prefix(300))")
        let errors = object["errors"] as? [String: Any] ?? [:]
        #expect(Set(errors.keys) == ["username"], "only the body's bad field: \(errors)")
    }

    @Test func servesOnASocketInheritedFromSpawnFcgi() throws {
        let spawn = "/usr/bin/spawn-fcgi"
        try #require(FileManager.default.isExecutableFile(atPath: spawn), "spawn-fcgi is installed by deploy scripts")
        let dir = try temporaryDirectory()
        let socket = "\(dir)/spawned.sock", pidFile = "\(dir)/spawned.pid"
        // spawn-fcgi forks the responder, which would inherit this test process's descriptors (and keep the
        // test runner's pipes open): close everything above stderr before exec, and log to a file.
        let closeInherited = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null"#
        let command = "\(closeInherited); exec \(spawn) -s \(socket) -P \(pidFile) -M 0600 -- '\(TestStack.binary)' serve"
            + " >\(dir)/spawned.log 2>&1"
        let result = try TestStack.run("/bin/bash", ["-c", command], environment: serverEnvironment([:]))
        #expect(result.status == 0, "\(result.err)")
        defer {
            if let pid = try? String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
               let value = Int32(pid) { kill(value, SIGTERM) }
        }
        #expect(waitFor({ FileManager.default.fileExists(atPath: socket) }, seconds: 10), "socket never appeared")
        let answer = try fastCGIRequest(socket: socket, path: "/health")
        #expect(answer.hasPrefix("Status: 200"), "\(answer.prefix(300))")
    }
}
