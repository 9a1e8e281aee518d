import Crypto
import Foundation
import HTTPClient
import Testing

/// Follower analysis end to end: nginx → responder → PostgreSQL → worker → sandbox.
@Suite(.threaded, .needsStackAndSandbox)
struct AnalysisTests {
    let client = AnalysisClient()

    @Test func analysisOfASmallAccountMatchesTheWorld() throws {
        let session = try client.session("mina.kim")
        let answer = try client.analyze(session)
        #expect(answer.status == 202)
        let jobID = answer.json["job_id"] as? String ?? ""
        let expectedID = SHA256.hash(data: Array("\(session.csrf):\(session.sessionID)".utf8))
            .map { String(format: "%02x", $0) }.joined().prefix(16)
        #expect(jobID == String(expectedID))
        let status = try client.waitForEnd(jobID)
        #expect(status["status"] as? String == "completed", "\(status)")
        let counts = status.analysisCounts
        let followers = Set(try client.allUsernames(jobID, list: "followers"))
        let following = Set(try client.allUsernames(jobID, list: "following"))
        #expect(counts["followers"] == followers.count && counts["following"] == following.count)
        #expect(Set(try client.allUsernames(jobID, list: "unfollowers")) == following.subtracting(followers))
        #expect(Set(try client.allUsernames(jobID, list: "fans")) == followers.subtracting(following))
        #expect(Set(try client.allUsernames(jobID, list: "mutual")) == followers.intersection(following))
        let world = try client.sandbox.admin("GET", "/__sandbox/world")["users"] as? [[String: Any]] ?? []
        let mina = world.first { $0["username"] as? String == "mina.kim" } ?? [:]
        #expect(counts["followers"] == mina["follower_count"] as? Int ?? mina["followers"] as? Int)
    }

    @Test func samePairWhileQueuedOrRunningIsAConflictWithTheJobID() throws {
        let session = try client.session("bench.cinema")
        let first = try client.analyze(session, username: "bigstar")
        #expect(first.status == 202)
        let jobID = first.json["job_id"] as? String ?? ""
        let again = try client.analyze(session, username: "bigstar")
        again.expectEnvelope(status: 409, code: "JOB_ALREADY_RUNNING")
        #expect((again.json["errors"] as? [String: Any])?["job_id"] as? String == jobID)
        let cancel = try client.http.send("DELETE", "/api/job/\(jobID)")
        #expect([200, 202].contains(cancel.status))
        let end = try client.waitForEnd(jobID, seconds: 20)
        #expect(end["state"] as? String == "cancelled" && end["status"] as? String == "failed", "\(end)")
    }

    @Test func expiredAndCheckpointedSessionsFailFast() throws {
        for (state, code) in [("expired", "INVALID_SESSION"), ("checkpoint", "CHALLENGE_REQUIRED")] {
            let answer = try client.analyze(try client.session("sandbox.user", state: state))
            #expect(answer.status == 202)
            let status = try client.waitForEnd(answer.json["job_id"] as? String ?? "", seconds: 30)
            #expect(status["status"] as? String == "failed")
            #expect((status["error"] as? [String: Any])?["code"] as? String == code, "\(status)")
            #expect(status["results"] == nil || status["results"] is NSNull)
            #expect(status["attempts"] as? Int == 1)
        }
    }

    @Test func csvDownloadOfOneListByQueryOrAccept() throws {
        let jobID = try client.start("mina.kim")
        _ = try client.waitForEnd(jobID)
        let csv = try client.http.get("/api/status/\(jobID)?format=csv&list=following")
        #expect(csv.status == 200)
        #expect(csv.header("Content-Type")?.hasPrefix("text/csv") == true)
        let lines = csv.text.split(separator: "\r\n")
        #expect(lines.first == "pk,username,full_name,is_private,is_verified")
        #expect(lines.count - 1 == (try client.status(jobID)).analysisCounts["following"])
        let viaAccept = try client.http.get("/api/status/\(jobID)?list=following", headers: [("Accept", "text/csv")])
        #expect(viaAccept.text == csv.text)
        let names = Set(lines.dropFirst().compactMap { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst().first.map(String.init) })
        #expect(names == (try WorldGraph(client.sandbox)).following("mina.kim"), "the world's following of mina.kim")
    }

    /// The default CSV (unfollowers, no `list`) of an account whose unfollowers are neither its following nor its
    /// followers (seoul.traveler: it follows bigstar, who does not follow back), compared with the world's edges.
    @Test func csvDownloadHasEveryUnfollower() throws {
        let jobID = try client.start("sandbox.user", target: "seoul.traveler")
        let end = try client.waitForEnd(jobID)
        try #require(end["status"] as? String == "completed", "\(end)")
        let truth = try WorldGraph(client.sandbox)
        let following = truth.following("seoul.traveler")
        let expected = following.subtracting(truth.followers("seoul.traveler"))
        try #require(!expected.isEmpty && expected != following, "the world gives seoul.traveler unfollowers: \(expected)")
        let csv = try client.http.get("/api/status/\(jobID)?format=csv")
        #expect(csv.status == 200)
        #expect(csv.header("Content-Disposition")?.contains("unfollowers") == true)
        let rows = csv.text.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(Set(rows.map { String($0[1]) }) == expected, "CSV \(rows.map { $0[1] }) vs the world \(expected.sorted())")
        #expect(rows.count == expected.count, "one row per unfollower")
        let pks = truth.pks
        for row in rows { #expect(String(row[0]) == pks[String(row[1])], "pk of \(row[1])") }
        // (Not the followers: SandboxAPITests adds and removes one of seoul.traveler's followers meanwhile.)
        #expect(end.analysisCounts["unfollowers"] == expected.count)
        #expect(end.analysisCounts["following"] == following.count)
    }

    @Test func rateLimitMidRunIsWaitedOutAndLogged() throws {
        // An account no other test analyses, so no other job takes these faults.
        let world = try client.sandbox.admin("GET", "/__sandbox/world")["users"] as? [[String: Any]] ?? []
        let pk = try #require(world.first { $0["username"] as? String == "oldschool.tv" }?["pk"])
        _ = try client.sandbox.admin("POST", "/__sandbox/faults",
                                     #"{"kind":"status","status":429,"path":"/api/v1/friendships/\#(pk)/following","count":2}"#)
        let jobID = try client.start("sandbox.user", target: "oldschool.tv")
        let status = try client.waitForEnd(jobID, seconds: 90)
        #expect(status["status"] as? String == "completed", "\(status)")
        let events = try client.http.get("/api/debug/\(jobID)").json["events"] as? [[String: Any]] ?? []
        #expect(events.contains { $0["event"] as? String == "backoff" })
    }

    @Test func debugLogNeverShowsTheCookies() throws {
        let session = try client.session("mina.kim")
        let answer = try client.analyze(session)
        #expect(answer.status == 202, "\(answer.text.prefix(300))")
        let jobID = answer.json["job_id"] as? String ?? ""
        let end = try client.waitForEnd(jobID)
        #expect(end["status"] as? String == "completed", "\(end)")
        let debug = try client.http.get("/api/debug/\(jobID)")
        #expect(debug.status == 200, "\(debug.text.prefix(300))")
        let events = debug.json["events"] as? [[String: Any]] ?? []
        #expect(events.count >= 2, "the job's events (claim ... completion): \(events)")
        #expect((debug.json["job"] as? [String: Any])?["job_id"] as? String == jobID)
        #expect(debug.text.count > 200, "a real debug log")
        for path in ["/api/debug/\(jobID)", "/api/status/\(jobID)", "/api/jobs"] {
            let page = try client.http.get(path)
            #expect(page.status == 200, "\(path): \(page.status)")
            #expect(page.text.contains(jobID), "\(path) is about the job")
            let text = page.text
            #expect(!text.contains(session.sessionID) && !text.contains(session.csrf), "\(path) leaks a cookie")
        }
    }
}

/// The sandbox world's follow graph (stored edges), the truth an analysis is compared with.
struct WorldGraph {
    var edges: [(follower: String, followee: String)]
    var pks: [String: String]

    init(_ sandbox: SandboxTestClient) throws {
        let world = try sandbox.admin("GET", "/__sandbox/world")
        let follows = try #require(world["follows"] as? [[String: Any]], "the world lists its follow edges")
        edges = follows.filter { ($0["pending"] as? Bool) != true && ($0["state"] as? String).map { $0 == "active" || $0 == "accepted" } != false }
            .compactMap { edge in
                guard let follower = edge["follower"] as? String, let followee = edge["followee"] as? String else { return nil }
                return (follower, followee)
            }
        let users = world["users"] as? [[String: Any]] ?? []
        pks = Dictionary(users.compactMap { user in
            (user["username"] as? String).map { ($0, "\(user["pk"] ?? "")") }
        }, uniquingKeysWith: { first, _ in first })
    }

    func followers(_ name: String) -> Set<String> { Set(edges.filter { $0.followee == name }.map(\.follower)) }
    func following(_ name: String) -> Set<String> { Set(edges.filter { $0.follower == name }.map(\.followee)) }
}
