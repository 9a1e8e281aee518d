import Foundation
import Testing

/// `instagate analyze` interrupted (README: "Ctrl-C stops following, not the job"): SIGINT ends the command, and
/// the job it queued goes on in the worker to its end.
extension AnalysisCLITests {
    @Test func ctrlCStopsFollowingNotTheJob() throws {
        let (path, key) = try keyFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let session = try client.session("mina.kim")
        let world = try client.sandbox.admin("GET", "/__sandbox/world")["users"] as? [[String: Any]] ?? []
        let target = try #require(world.first { $0["username"] as? String == "seoul.traveler" })
        let pk = try #require(target["pk"].map { "\($0)" })
        // Every page of seoul.traveler's lists waits 2 s while the fault is armed: the job is still running when
        // the command is interrupted.
        let fault = try client.sandbox.send("POST", "/__sandbox/faults", headers: [("Content-Type", "application/json")],
                                            body: #"{"kind":"latency","latency_ms":2000,"path":"/api/v1/friendships/\#(pk)/"}"#)
        let faultID = try #require((fault.sandboxJSON["faults"] as? [[String: Any]])?.first?["id"] as? NSNumber, "\(fault.text)")
        var armed = true
        defer { if armed { _ = try? client.sandbox.send("DELETE", "/__sandbox/faults/\(faultID)") } }

        let log = NSTemporaryDirectory() + "instagate-analyze-\(UUID().uuidString.prefix(8)).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestStack.binary)
        process.arguments = ["analyze", "--key-file", path, "--username", "seoul.traveler"]
        var environment = ProcessInfo.processInfo.environment
        environment["INSTAGRAM_CSRF_TOKEN"] = session.csrf
        environment["INSTAGRAM_SESSION_ID"] = session.sessionID
        process.environment = environment
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) }; process.waitUntilExit() }
        var stderr: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        var jobID = ""
        let queued = Date().addingTimeInterval(60)
        while jobID.isEmpty && Date() < queued && process.isRunning {
            jobID = stderr.split(separator: "\n").first { $0.hasPrefix("queued job ") }.map { String($0.dropFirst("queued job ".count)) } ?? ""
            if jobID.isEmpty { Thread.sleep(forTimeInterval: 0.1) }
        }
        try #require(!jobID.isEmpty, "no job queued: \(stderr.suffix(500))")
        // The API says `processing` for a running job (the earlier service's word).
        let before = try client.http.get("/api/status/\(jobID)", key: key).json["status"] as? String
        try #require(before == "queued" || before == "processing", "the job must still be going when Ctrl-C comes: \(before ?? "-")")

        kill(process.processIdentifier, SIGINT)
        let stopped = Date().addingTimeInterval(30)
        while process.isRunning && Date() < stopped { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning, "Ctrl-C stops following")
        let after = try client.http.get("/api/status/\(jobID)", key: key).json["status"] as? String
        #expect(after == "queued" || after == "processing", "the job goes on after Ctrl-C: \(after ?? "-")")

        _ = try client.sandbox.send("DELETE", "/__sandbox/faults/\(faultID)")
        armed = false
        var owner = client
        owner.key = key
        let end = try owner.waitForEnd(jobID)
        #expect(end["status"] as? String == "completed", "\(end)")
        #expect(end.analysisCounts["followers"] == target["follower_count"] as? Int, "\(end)")
    }
}
