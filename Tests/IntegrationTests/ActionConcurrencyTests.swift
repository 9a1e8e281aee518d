import Foundation
import HTTPClient
import Testing

/// The daily limit holds across processes (issue 15): two responder processes of their own, sharing the stack's
/// PostgreSQL, receive 50 follows of one account at once with the limit set to 20.
@Suite("Action limits across processes", .needsStackAndSandbox)
struct ActionConcurrencyTests {
    let kit = ActionTestKit()

    @Test("50 concurrent follows over two responders with a limit of 20: exactly 20 accepted, 20 new follows in the world")
    func limitHoldsAcrossTwoResponders() throws {
        let (key, _) = try kit.saved("bench.cinema")
        let base = try kit.generatedBase() + 80_000
        let followsBefore = try kit.follows(by: "bench.cinema").count
        let directory = NSTemporaryDirectory() + "instagate-actions-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let responders = try (0..<2).map { index in try Responder(log: "\(directory)/responder-\(index).log") }
        defer { responders.forEach { $0.stop() } }
        for responder in responders { try #require(responder.waitUntilReady(), "responder never answered: \(responder.logText)") }

        let requests = try (0..<50).map { index -> Process in
            let body = #"{"username":"bench.cinema","target_user_id":"\#(base + UInt64(index))"}"#
            return try responders[index % 2].start(post: "/api/instagram/follow", body: body, key: key)
        }
        let answers = requests.map { process -> String in
            let text = String(decoding: (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text
        }
        let accepted = answers.filter { $0.hasPrefix("Status: 200") }
        let limited = answers.filter { $0.hasPrefix("Status: 429") && $0.contains("RATE_LIMIT_EXCEEDED") }
        #expect(accepted.count == 20, "accepted \(accepted.count): \(answers.filter { !$0.hasPrefix("Status: 200") && !$0.hasPrefix("Status: 429") }.prefix(3))")
        #expect(limited.count == 30, "limited \(limited.count)")
        #expect(limited.allSatisfy { $0.contains("Retry-After:") && $0.contains("RateLimit-Remaining: 0") })
        #expect(try kit.follows(by: "bench.cinema").count - followsBefore == 20, "new follows in the sandbox's world")
        #expect(try kit.used("bench.cinema", "follow", key: key) == 20)
    }
}

/// `instagate serve` of a test's own on a TCP port, answering FastCGI from `cgi-fcgi`.
final class Responder {
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
        env["INSTAGATE_FOLLOW_LIMIT_PER_DAY"] = "20"
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

extension ActionConcurrencyTests {
    @Test("actions of one account from two responders at once are spaced INSTAGATE_ACTION_GAP apart")
    func gapHoldsAcrossResponders() throws {
        let agent = "ActionTests-gap/1"
        let (key, _) = try kit.saved("mina.kim", userAgent: agent)
        let base = try kit.generatedBase() + 81_000
        let directory = NSTemporaryDirectory() + "instagate-gap-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let responders = try (0..<2).map { try Responder(log: "\(directory)/r\($0).log", extra: ["INSTAGATE_ACTION_GAP": "1"]) }
        defer { responders.forEach { $0.stop() } }
        for responder in responders { try #require(responder.waitUntilReady(), "responder never answered: \(responder.logText)") }
        let before = try kit.lastRequestSequence()
        let requests = try (0..<3).map { index in
            try responders[index % 2].start(post: "/api/instagram/follow",
                                            body: #"{"username":"mina.kim","target_user_id":"\#(base + UInt64(index))"}"#, key: key)
        }
        let answers = requests.map { process -> String in
            let text = String(decoding: (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text
        }
        #expect(answers.allSatisfy { $0.hasPrefix("Status: 200") }, "\(answers.map { $0.prefix(200) })")
        let times = try kit.requests(after: before, path: "/api/v1/web/friendships/")
            .filter { $0["user_agent"] as? String == agent }.compactMap { ($0["time"] as? NSNumber)?.doubleValue }.sorted()
        #expect(times.count == 3)
        for (earlier, later) in zip(times, times.dropFirst()) {
            #expect(later - earlier >= 0.95, "two actions \(later - earlier) s apart: \(times)")
        }
    }
}

extension ActionConcurrencyTests {
    @Test("50 concurrent follows through nginx with the account's own limit set to 20: exactly 20 accepted and 20 new follows")
    func ownLimitHoldsThroughNginx() throws {
        let (key, _) = try kit.saved("hidden.garden")
        let set = try kit.http.send("PUT", "/api/instagram/limits/hidden.garden", key: key,
                                    headers: [("Content-Type", "application/json")], body: Array(#"{"follow":20}"#.utf8))
        #expect(set.status == 200, "\(set.text.prefix(300))")
        #expect(try kit.limits("hidden.garden", key: key)["follow"]?["limit"] as? Int == 20)
        let tooHigh = try kit.http.send("PUT", "/api/instagram/limits/hidden.garden", key: key,
                                        headers: [("Content-Type", "application/json")], body: Array(#"{"follow":201,"like":-1}"#.utf8))
        tooHigh.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(Set((tooHigh.json["errors"] as? [String: Any] ?? [:]).keys) == ["follow", "like"])
        let base = try kit.generatedBase() + 82_000
        let followsBefore = try kit.follows(by: "hidden.garden").count
        let bodies = (0..<50).map { #"{"username":"hidden.garden","target_user_id":"\#(base + UInt64($0))"}"# }
        let answers = try CurlParallel.post("/api/instagram/follow", bodies: bodies, key: key, from: "127.0.0.5")
        let statuses = answers.map(\.status)
        #expect(statuses.filter { $0 == 200 }.count == 20, "\(statuses.sorted())")
        #expect(statuses.filter { $0 == 429 }.count == 30, "\(answers.filter { $0.status != 200 && $0.status != 429 }.prefix(2))")
        #expect(try kit.follows(by: "hidden.garden").count - followsBefore == 20)
        #expect(try kit.used("hidden.garden", "follow", key: key) == 20)
    }
}

/// POSTs with different bodies at once through nginx (`curl -Z`, one `--next` block per request).
enum CurlParallel {
    struct Answer {
        var status: Int
        var body: String
    }

    static func post(_ path: String, bodies: [String], key: String, from source: String) throws -> [Answer] {
        let directory = NSTemporaryDirectory() + "curl-parallel-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var config = ""
        for (index, body) in bodies.enumerated() {
            if index > 0 { config += "next\n" }
            config += "url = \(quoted(TestStack.baseURL + path))\noutput = \(quoted("\(directory)/\(index)"))\n"
            config += "header = \(quoted("Content-Type: application/json"))\nheader = \(quoted("Authorization: Bearer \(key)"))\n"
            config += "data-raw = \(quoted(body))\ninterface = \(quoted(source))\nwrite-out = \(quoted("%{http_code} \(index)\\n"))\nsilent\n"
        }
        try config.write(toFile: "\(directory)/config", atomically: true, encoding: .utf8)
        let result = try TestStack.run("/usr/bin/curl", ["-Z", "--parallel-immediate", "--parallel-max", "100", "-K", "\(directory)/config"])
        let answers = result.out.split(separator: "\n").compactMap { line -> Answer? in
            let fields = line.split(separator: " ")
            guard fields.count == 2, let status = Int(fields[0]) else { return nil }
            return Answer(status: status, body: (try? String(contentsOfFile: "\(directory)/\(fields[1])", encoding: .utf8)) ?? "")
        }
        #expect(answers.count == bodies.count, "curl answered \(answers.count) of \(bodies.count): \(result.err.prefix(300))")
        return answers
    }
}

extension ActionConcurrencyTests {
    @Test("a saved session expires INSTAGATE_SESSION_EXPIRY_HOURS after its last use: then it is neither listed nor used")
    func sessionsExpireUnlessUsed() throws {
        let directory = NSTemporaryDirectory() + "instagate-expiry-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // 0.002 h = 7.2 s: a session saved through this responder lives that long after its save or last use.
        let responder = try Responder(log: "\(directory)/r.log", extra: ["INSTAGATE_SESSION_EXPIRY_HOURS": "0.002"])
        defer { responder.stop() }
        try #require(responder.waitUntilReady(), "responder never answered: \(responder.logText)")
        let key = try TestStack.newKey()
        let login = try kit.login("checkpoint.user")
        let body = #"{"username":"checkpoint.user","cookies":{"sessionid":"\#(login.cookie)","csrftoken":"\#(login.csrf)"}}"#
        let saved = try responder.answer(try responder.start(post: "/api/instagram/session", body: body, key: key))
        #expect(saved.hasPrefix("Status: 201"), "\(saved.prefix(300))")
        let first = try #require(try expiry(key))
        #expect(first.timeIntervalSinceNow > 4 && first.timeIntervalSinceNow < 8, "expires_at \(first)")
        Thread.sleep(forTimeInterval: 4)
        #expect(try kit.limits("checkpoint.user", key: key)["comment"] != nil) // not a use: the expiry stays
        let pk = try #require(try kit.post("igtv-2019")["pk"] as? String)
        let used = try kit.act("unlike", #"{"username":"checkpoint.user","media_id":"\#(pk)"}"#, key: key)
        #expect(used.status == 200, "\(used.text.prefix(300))")
        let moved = try #require(try expiry(key))
        #expect(moved.timeIntervalSince(first) > 3, "a use moves the expiry ahead: \(first) → \(moved)")
        Thread.sleep(forTimeInterval: max(0, moved.timeIntervalSinceNow) + 1)
        let listed = try kit.http.get("/api/instagram/sessions", key: key).json["sessions"] as? [Any]
        #expect(listed?.isEmpty == true, "an expired session is not listed")
        try kit.act("unlike", #"{"username":"checkpoint.user","media_id":"\#(pk)"}"#, key: key).expectEnvelope(status: 404, code: "INVALID_SESSION")
    }

    /// `expires_at` of the key's only session.
    func expiry(_ key: String) throws -> Date? {
        let sessions = try kit.http.get("/api/instagram/sessions", key: key).json["sessions"] as? [[String: Any]] ?? []
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return (sessions.first?["expires_at"] as? String).flatMap { formatter.date(from: $0) ?? ISO8601DateFormatter().date(from: $0) }
    }
}

extension Responder {
    /// The answer of a started request.
    func answer(_ request: Process) throws -> String {
        let text = String(decoding: (request.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        request.waitUntilExit()
        return text
    }
}
