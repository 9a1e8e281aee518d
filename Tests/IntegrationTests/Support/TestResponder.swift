import Foundation
import Testing

/// `instagate serve` of a test's own on a TCP port, answering FastCGI from `cgi-fcgi`.
final class TestResponder {
    let process = Process()
    let port: Int
    let log: String

    init(log: String, extra: [String: String] = [:]) throws {
        let found = try TestStack.run("/usr/bin/python3", ["-c",
            "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        port = try #require(Int(found.out.trimmingCharacters(in: .whitespacesAndNewlines)))
        self.log = log
        var env = ProcessInfo.processInfo.environment
        env["INSTAGATE_DATABASE_URL"] = TestStack.databaseURL
        env["INSTAGATE_LOG_LEVEL"] = "warning"
        env["INSTAGATE_LISTEN"] = "127.0.0.1:\(port)"
        env["INSTAGATE_THREADS"] = "8"
        env["INSTAGATE_UPSTREAM_THREADS"] = "7"
        env["INSTAGATE_ACTION_GAP"] = "0"
        env.merge(extra) { _, new in new }
        process.executableURL = URL(fileURLWithPath: TestStack.binary)
        process.arguments = ["serve"]
        process.environment = env
        FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    var logText: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// A request through `cgi-fcgi` to this responder, started and not waited for (stdout: the answer).
    func start(_ method: String, _ path: String, body: String? = nil, key: String? = nil) throws -> Process {
        let request = Process()
        request.executableURL = URL(fileURLWithPath: "/usr/bin/cgi-fcgi")
        request.arguments = ["-bind", "-connect", "127.0.0.1:\(port)"]
        var env = ["REQUEST_METHOD": method, "REQUEST_URI": path, "SCRIPT_NAME": path, "REMOTE_ADDR": "127.0.0.1"]
        if let key { env["HTTP_AUTHORIZATION"] = "Bearer \(key)" }
        let input = Pipe()
        if let body {
            env["CONTENT_TYPE"] = "application/json"
            env["CONTENT_LENGTH"] = String(body.utf8.count)
        }
        request.environment = env
        request.standardInput = input
        request.standardOutput = Pipe()
        request.standardError = FileHandle.nullDevice
        try request.run()
        if let body { input.fileHandleForWriting.write(Data(body.utf8)) }
        try input.fileHandleForWriting.close()
        return request
    }

    func start(post path: String, body: String, key: String) throws -> Process {
        try start("POST", path, body: body, key: key)
    }

    /// Waits up to 30 s for `GET /health` to answer 200.
    func waitUntilReady() -> Bool {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let probe = try? start("GET", "/health") {
                let text = String(decoding: (probe.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                probe.waitUntilExit()
                if text.hasPrefix("Status: 200") { return true }
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return false
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

extension TestResponder {
    /// The answer of a started request.
    func answer(_ request: Process) throws -> String {
        let text = String(decoding: (request.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        request.waitUntilExit()
        return text
    }
}

extension TestResponder {
    /// The JSON object after the headers of a `cgi-fcgi` answer (empty when there is none).
    static func json(_ answer: String) -> [String: Any] {
        guard let range = answer.range(of: "\r\n\r\n"),
              let object = try? JSONSerialization.jsonObject(with: Data(answer[range.upperBound...].utf8)) as? [String: Any] else {
            return [:]
        }
        return object
    }
}

