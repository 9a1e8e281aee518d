import Foundation
import Synchronization
import Testing

/// More of the responder as a process: INSTAGATE_LISTEN=HOST:PORT, the JSON log format with the request id on
/// its lines, SIGTERM waiting for a request in flight.
extension ProcessTests {
    /// A free TCP port on 127.0.0.1.
    func freePort() throws -> Int {
        let result = try TestStack.run("/usr/bin/python3", ["-c",
            "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        return try #require(Int(result.out.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// `instagate serve` with extra environment, stderr to a file; the caller stops it.
    func startServer(_ extra: [String: String], log: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestStack.binary)
        process.arguments = ["serve"]
        process.environment = serverEnvironment(extra)
        FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// One FastCGI request with `cgi-fcgi` (its environment is the request's params, stdin its body).
    func fastCGI(_ address: String, _ params: [String: String], body: Data? = nil) throws -> String {
        var env = params
        if let body { env["CONTENT_LENGTH"] = String(body.count) }
        return try TestStack.run("/usr/bin/cgi-fcgi", ["-bind", "-connect", address], environment: env, input: body).out
    }

    func stop(_ process: Process, within seconds: Double = 120) -> Bool {
        if process.isRunning { process.terminate() }
        let stopped = waitFor({ !process.isRunning }, seconds: seconds)
        if !stopped { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return stopped
    }

    @Test func listensOnHostAndPort() throws {
        let dir = try temporaryDirectory()
        let port = try freePort()
        let server = try startServer(["INSTAGATE_LISTEN": "127.0.0.1:\(port)"], log: "\(dir)/tcp.log")
        defer { _ = stop(server) }
        #expect(waitFor({ (try? self.fastCGI("127.0.0.1:\(port)", ["REQUEST_METHOD": "GET", "REQUEST_URI": "/health",
                                                                 "SCRIPT_NAME": "/health"]))?.hasPrefix("Status: 200") == true },
                        seconds: 30), "no FastCGI answer on 127.0.0.1:\(port): \((try? String(contentsOfFile: "\(dir)/tcp.log", encoding: .utf8)) ?? "")")
        let answer = try fastCGI("127.0.0.1:\(port)", ["REQUEST_METHOD": "GET", "REQUEST_URI": "/api/me", "SCRIPT_NAME": "/api/me",
                                                       "HTTP_AUTHORIZATION": "Bearer \(TestStack.apiKey)"])
        #expect(answer.hasPrefix("Status: 200"), "\(answer.prefix(300))")
        #expect(answer.contains(#""key_id""#))
        #expect(stop(server))
        #expect(server.terminationStatus == 0)
    }

    @Test func jsonLogLinesCarryTheRequestID() throws {
        let dir = try temporaryDirectory()
        let socket = "\(dir)/json.sock", log = "\(dir)/json.log"
        let server = try startServer(["INSTAGATE_LISTEN": "unix:\(socket)", "INSTAGATE_LOG_FORMAT": "json",
                                      "INSTAGATE_LOG_LEVEL": "debug"], log: log)
        defer { _ = stop(server) }
        #expect(waitFor({ FileManager.default.fileExists(atPath: socket) }, seconds: 30), "socket never appeared")
        let ids = (0..<3).map { _ in UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased() }
        for (id, path) in zip(ids, ["/api/me", "/no/such/path", "/api/status/0123456789abcdef"]) {
            let answer = try fastCGI(socket, ["REQUEST_METHOD": "GET", "REQUEST_URI": path, "SCRIPT_NAME": path, "REQUEST_ID": id,
                                              "HTTP_AUTHORIZATION": "Bearer \(TestStack.apiKey)"])
            #expect(answer.contains("X-Request-ID: \(id)"), "\(answer.prefix(300))")
        }
        #expect(stop(server))
        let text = try String(contentsOfFile: log, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(!lines.isEmpty)
        var objects: [[String: Any]] = []
        for line in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object != nil, "not a JSON object: \(line.prefix(200))")
            if let object { objects.append(object) }
        }
        #expect(objects.allSatisfy { $0["time"] is String && $0["level"] is String && $0["message"] is String })
        for id in ids {
            let mine = objects.filter { $0["request_id"] as? String == id }
            #expect(!mine.isEmpty, "no log line carries request id \(id): \(text.suffix(1000))")
        }
        // Every line written while a request was handled (the per-request "request" line) names its request.
        let requestLines = objects.filter { $0["message"] as? String == "request" }
        #expect(requestLines.count >= 3 && requestLines.allSatisfy { ids.contains($0["request_id"] as? String ?? "") }, "\(requestLines)")
        #expect(!text.contains(TestStack.apiKey), "the API key is never logged")
    }

    @Test(.needsSandbox) func sigtermWaitsForARequestInFlight() throws {
        let kit = DownloadTestKit()
        let dir = try temporaryDirectory()
        let socket = "\(dir)/drain.sock"
        let server = try startServer(["INSTAGATE_LISTEN": "unix:\(socket)", "INSTAGATE_SHUTDOWN_TIMEOUT": "60"], log: "\(dir)/drain.log")
        defer { _ = stop(server) }
        #expect(waitFor({ FileManager.default.fileExists(atPath: socket) }, seconds: 30), "socket never appeared")
        // A download whose photo crawls from the CDN for a few seconds (a post no other test downloads).
        let key = try TestStack.newKey()
        let code = try kit.shortcode("photo-busan-wide")
        let image = try #require(try kit.item("photo-busan-wide", 0)["image_cdn_path"] as? String)
        let path = image.hasPrefix("/") ? image : "/" + image
        let source = try kit.cdnFile("photo-busan-wide", video: false)
        let rate = max(200, source.count / 4)
        let before = try kit.lastRequestSequence()
        let id = try kit.fault(#"{"kind":"slow","bytes_per_second":\#(rate),"count":1,"method":"GET","path":"\#(path)"}"#)
        defer { try? kit.removeFault(id) }
        let body = Data(#"{"url":"https://www.instagram.com/p/\#(code)/","refresh":true}"#.utf8)
        let answer = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            let out = try? self.fastCGI(socket, ["REQUEST_METHOD": "POST", "REQUEST_URI": "/api/download", "SCRIPT_NAME": "/api/download",
                                                 "CONTENT_TYPE": "application/json", "HTTP_AUTHORIZATION": "Bearer \(key)"], body: body)
            answer.withLock { $0 = out }
            done.signal()
        }.start()
        // The responder is inside the request once the CDN has started sending it the photo.
        #expect(waitFor({ ((try? kit.firedFaults(after: before, path: path, kind: "slow")) ?? []).count == 1 }, seconds: 60),
                "the download never reached the CDN")
        server.terminate() // SIGTERM while the photo is still arriving
        #expect(done.wait(timeout: .now() + 90) == .success, "the request in flight never ended")
        let out = answer.withLock { $0 } ?? ""
        #expect(out.hasPrefix("Status: 200"), "the request in flight was completed: \(out.prefix(400))")
        #expect(stop(server, within: 90), "the responder did not exit after its last request")
        #expect(server.terminationReason == .exit && server.terminationStatus == 0)
        let json = out.components(separatedBy: "\r\n\r\n").dropFirst().joined()
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        let sha = (object["files"] as? [[String: Any]])?.first?["sha256"] as? String
        #expect(sha == DownloadTestKit.sha256(source), "the photo is complete")
    }
}
