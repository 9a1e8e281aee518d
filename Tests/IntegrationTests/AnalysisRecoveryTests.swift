import Foundation
import HTTPClient
import Testing

/// The 100,000-follower account: a worker killed with SIGKILL mid-analysis, another one finishing it
/// from the last checkpoint with the same result as an uninterrupted run; snapshots and changes.
@Suite(.serialized, .enabled(if: TestStack.isAvailable && SandboxTestEnvironment.url != nil, TestStack.skipReason))
struct AnalysisRecoveryTests {
    let client = AnalysisClient()

    // Disabled while issue 5 is open: on a fresh clone a status request timed out (>15 s) while the
    // parallel suite kept the responder busy; passed in the full run on a warm build and alone.
    @Test(.disabled("flaky in the parallel suite: a status request timed out; issue 5"))
    func killedWorkerIsReplacedAndTheResultIsTheSame() throws {
        let jobID = try client.start("bench.cinema", target: "bigstar")
        let (pid, pagesAtKill) = try waitForRunningWorker(jobID, minimumPages: 20)
        #expect(kill(pid, SIGKILL) == 0)
        let interrupted = try client.waitForEnd(jobID, seconds: 240)
        #expect(interrupted["status"] as? String == "completed", "\(interrupted)")
        let debug = try client.http.get("/api/debug/\(jobID)").json
        let events = (debug["events"] as? [[String: Any]] ?? []).compactMap { $0["event"] as? String }
        #expect(events.contains("lease_expired"))
        #expect(events.contains("resumed"), "the second worker must continue from the checkpoint, not from zero")
        #expect(events.filter { $0 == "session_valid" }.count == 1)
        #expect(pagesAtKill >= 20)

        let reference = try client.waitForEnd(try client.start("bench.cinema", target: "bigstar"), seconds: 240)
        #expect(reference["status"] as? String == "completed")
        #expect(interrupted.analysisCounts.filter { $0.key != "snapshot_id" } == reference.analysisCounts.filter { $0.key != "snapshot_id" })
        let world = try client.sandbox.admin("GET", "/__sandbox/world")["users"] as? [[String: Any]] ?? []
        let bigstar = world.first { $0["username"] as? String == "bigstar" } ?? [:]
        #expect(interrupted.analysisCounts["followers"] == bigstar["follower_count"] as? Int)
        #expect(interrupted.analysisCounts["following"] == bigstar["following_count"] as? Int)
        #expect((interrupted.analysisCounts["followers"] ?? 0) >= 100_000)
        #expect(try client.allUsernames(jobID, list: "unfollowers")
                == client.allUsernames(reference["job_id"] as? String ?? "", list: "unfollowers"))
    }

    /// Waits until the job runs and has fetched `minimumPages`; returns the pid in its lease owner (`host:pid/slot`).
    func waitForRunningWorker(_ jobID: String, minimumPages: Int) throws -> (pid: Int32, pages: Int) {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            guard let answer = try? client.http.get("/api/debug/\(jobID)") else { continue }
            let debug = answer.json
            let job = debug["job"] as? [String: Any] ?? [:]
            let pages = (job["progress"] as? [String: Any])?["pages"] as? Int ?? 0
            if let owner = debug["worker"] as? String, pages >= minimumPages,
               let pid = owner.split(separator: "/").first?.split(separator: ":").last.flatMap({ Int32($0) }) {
                return (pid, pages)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TestFailure("the job did not reach \(minimumPages) pages")
    }

    @Test func changesBetweenTwoSnapshots() throws {
        let world = try client.sandbox.admin("GET", "/__sandbox/world")["users"] as? [[String: Any]] ?? []
        let targetPK = try #require(world.first { $0["username"] as? String == "seoul.traveler" }?["pk"])
        let first = try client.waitForEnd(try client.start("mina.kim", target: "seoul.traveler"))
        let firstID = first["job_id"] as? String ?? ""
        let following = try client.allUsernames(firstID, list: "followers").contains("oldschool.tv")
        Thread.sleep(forTimeInterval: 1.1)
        let between = Date().timeIntervalSince1970
        let toggler = try client.sandbox.session("oldschool.tv")
        let action = following ? "destroy" : "create"
        let toggled = try client.sandbox.send("POST", "/api/v1/friendships/\(action)/\(targetPK)/", headers: client.sandbox.web(toggler))
        #expect(toggled.status == 200, "\(toggled.text.prefix(200))")
        let second = try client.waitForEnd(try client.start("mina.kim", target: "seoul.traveler"))
        #expect(second["status"] as? String == "completed")
        let changes = try client.http.get("/api/analyses/seoul.traveler/changes?since=\(Int(between))").json
        let key = following ? "lost_followers" : "new_followers"
        #expect((changes[key] as? [String])?.contains("oldschool.tv") == true, "\(changes)")
        #expect(((changes["to"] as? [String: Any])?["snapshot_id"] as? Int) != nil)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
