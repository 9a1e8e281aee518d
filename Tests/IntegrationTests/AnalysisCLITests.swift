import Foundation
import Testing

/// `instagate analyze` as a user runs it: queues the job for the worker, follows it with progress on
/// stderr (plain lines when stderr is not a terminal), prints the counts; the job is the API user's.
@Suite(.threaded, .needsStackAndSandbox)
struct AnalysisCLITests {
    let client = AnalysisClient()

    func keyFile() throws -> (path: String, key: String) {
        let key = try TestStack.newKey()
        let path = NSTemporaryDirectory() + "instagate-key-\(UUID().uuidString.prefix(8))"
        try Data((key + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return (path, key)
    }

    @Test func analyzeFollowsTheJobAndPrintsTheCounts() throws {
        let (path, key) = try keyFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let session = try client.session("mina.kim")
        let result = try TestStack.cli(["analyze", "--csrf-token", session.csrf, "--session-id", session.sessionID,
                                        "--key-file", path])
        #expect(result.status == 0, "\(result.err.suffix(500))")
        let lines = Dictionary(result.out.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }, uniquingKeysWith: { first, _ in first })
        let world = try client.sandbox.admin("GET", "/__sandbox/world")["users"] as? [[String: Any]] ?? []
        let mina = world.first { $0["username"] as? String == "mina.kim" } ?? [:]
        #expect(lines["username"] == "mina.kim")
        #expect(Int(lines["followers"] ?? "") == mina["follower_count"] as? Int)
        #expect(Int(lines["following"] ?? "") == mina["following_count"] as? Int)
        #expect(!result.err.contains("\r"), "no progress bar when stderr is not a terminal")
        #expect(result.err.contains("queued job") && result.err.contains("%"), "\(result.err)")
        #expect(!result.out.contains(session.sessionID) && !result.err.contains(session.sessionID))
        // The same job through the API, for the key's user only.
        let jobID = try #require(lines["job"])
        let status = try client.http.get("/api/status/\(jobID)", key: key).json
        #expect(status["status"] as? String == "completed")
        #expect(status.analysisCounts["followers"] == Int(lines["followers"] ?? ""))
        try client.http.get("/api/status/\(jobID)").expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
    }

    /// The cookies can come from the environment, so that they are not in the process list for other users.
    @Test func cookiesFromTheEnvironment() throws {
        let (path, _) = try keyFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let session = try client.session("mina.kim")
        let result = try TestStack.cli(["analyze", "--key-file", path, "--json"],
                                       environment: ["INSTAGRAM_CSRF_TOKEN": session.csrf, "INSTAGRAM_SESSION_ID": session.sessionID])
        #expect(result.status == 0, "\(result.err.suffix(500))")
        let state = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any] ?? [:]
        #expect(state["status"] as? String == "completed", "\(result.out)")
        #expect(!result.out.contains(session.sessionID) && !result.err.contains(session.sessionID))
    }

    @Test func expiredSessionAndBadInputFailWithTheCode() throws {
        let (path, _) = try keyFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expired = try client.session("sandbox.user", state: "expired")
        let failed = try TestStack.cli(["analyze", "--csrf-token", expired.csrf, "--session-id", expired.sessionID,
                                        "--key-file", path, "--json"])
        #expect(failed.status == 1)
        let state = try JSONSerialization.jsonObject(with: Data(failed.out.utf8)) as? [String: Any] ?? [:]
        #expect(state["status"] as? String == "failed" && state["error_code"] as? String == "INVALID_SESSION", "\(failed.out)")
        #expect(state["counts"] == nil)
        let empty = try TestStack.cli(["analyze", "--csrf-token", "", "--session-id", "x", "--key-file", path])
        #expect(empty.status == 1 && empty.err.contains("VALIDATION_ERROR") && empty.err.contains("--csrf-token"), "\(empty.err)")
        let missing = try TestStack.cli(["analyze", "--csrf-token", "a", "--key-file", path])
        #expect(missing.status == 1 && missing.err.contains("VALIDATION_ERROR") && missing.err.contains("--session-id"), "\(missing.err)")
        let noKey = try TestStack.cli(["analyze", "--csrf-token", "a", "--session-id", "b", "--key-file", path + ".missing"])
        #expect(noKey.status == 1 && noKey.err.contains("NO_API_KEY"), "\(noKey.err)")
    }
    /// Ctrl-C stops following, not the job (the command's help says so): the command says where the job is and
    /// exits 130; the job runs on in the worker and completes. The job is held on the sandbox (a 1.5 s latency on
    /// every friendship list page of `blocked.user`, whose pages no other test cuts off) until the command has
    /// been interrupted, so it cannot end first.
    @Test func ctrlCStopsFollowingNotTheJob() throws {
        let (path, key) = try keyFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let users = try client.sandbox.admin("GET", "/__sandbox/world")["users"] as? [[String: Any]] ?? []
        let pk = try #require(users.first { $0["username"] as? String == "blocked.user" }?["pk"])
        let armed = try client.sandbox.admin("POST", "/__sandbox/faults",
                                             #"{"kind":"latency","latency_ms":1500,"path":"/api/v1/friendships/\#(pk)/","count":1000}"#)
        let faultID = try #require((armed["faults"] as? [[String: Any]])?.first?["id"] as? Int)
        var faultArmed = true
        defer { if faultArmed { _ = try? client.sandbox.admin("DELETE", "/__sandbox/faults/\(faultID)") } }
        let session = try client.session("mina.kim")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestStack.binary)
        process.arguments = ["analyze", "--username", "blocked.user", "--key-file", path]
        process.environment = TestStack.environment.merging([
            "INSTAGATE_DATABASE_URL": TestStack.databaseURL, "INSTAGATE_SQL_DIR": TestStack.sqlDirectory,
            "INSTAGATE_LOG_LEVEL": "warning", "INSTAGRAM_CSRF_TOKEN": session.csrf, "INSTAGRAM_SESSION_ID": session.sessionID,
        ]) { _, new in new }
        let err = Pipe(), out = Pipe()
        process.standardError = err
        process.standardOutput = out
        let stderr = LockedText()
        err.fileHandleForReading.readabilityHandler = { handle in stderr.append(handle.availableData) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // Following: the job was queued and a progress line was drawn.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && !(stderr.text.contains("queued job") && stderr.text.contains("%")) && process.isRunning {
            Thread.sleep(forTimeInterval: 0.1)
        }
        let jobID = try #require(stderr.text.split(separator: "\n").first { $0.hasPrefix("queued job ") }?
            .dropFirst("queued job ".count).trimmingCharacters(in: .whitespaces), "\(stderr.text)")
        #expect(process.isRunning, "still following when interrupted: \(stderr.text)")
        process.interrupt()
        process.waitUntilExit()
        err.fileHandleForReading.readabilityHandler = nil
        stderr.append(err.fileHandleForReading.readDataToEndOfFile())
        #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(process.terminationStatus) \(stderr.text)")
        #expect(stderr.text.contains("stopped following job \(jobID); it keeps running"), "\(stderr.text)")
        #expect(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).isEmpty, "no counts: it did not end")

        // The job was not cancelled: still queued or running, and it completes once the sandbox answers promptly.
        var owner = client
        owner.key = key
        let running = try owner.status(jobID)
        #expect(["queued", "processing"].contains(running["status"] as? String ?? ""), "\(running)")
        _ = try client.sandbox.admin("DELETE", "/__sandbox/faults/\(faultID)")
        faultArmed = false
        let final = try owner.waitForEnd(jobID, seconds: 120)
        #expect(final["status"] as? String == "completed", "\(final)")
    }
}

/// Text a pipe's handler appends to from another thread.
final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ more: Data) { lock.withLock { data.append(more) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
