import Foundation
import Testing

/// Saved sessions expire and are cleaned up (issue 15), with responders of the test's own whose lifetime is seconds.
extension ActionConcurrencyTests {
    @Test("a saved session expires INSTAGATE_SESSION_EXPIRY_HOURS after its last use: then it is neither listed nor used")
    func sessionsExpireUnlessUsed() throws {
        let directory = NSTemporaryDirectory() + "instagate-expiry-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // 0.002 h = 7.2 s: a session saved through this responder lives that long after its save or last use.
        let responder = try TestResponder(log: "\(directory)/r.log", extra: ["INSTAGATE_SESSION_EXPIRY_HOURS": "0.002"])
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


extension ActionConcurrencyTests {
    /// One value from the stack's database (psql, as the stack's role).
    func sql(_ statement: String) throws -> String {
        let result = try TestStack.run("/usr/bin/psql", [TestStack.databaseURL, "-Atqc", statement])
        #expect(result.status == 0, "psql: \(result.err)")
        return result.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("the worker's recurring session_cleanup job removes expired sessions")
    func cleanupJobRemovesExpiredSessions() throws {
        let directory = NSTemporaryDirectory() + "instagate-cleanup-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let responder = try TestResponder(log: "\(directory)/r.log", extra: ["INSTAGATE_SESSION_EXPIRY_HOURS": "0.001"])
        defer { responder.stop() }
        try #require(responder.waitUntilReady(), "responder never answered: \(responder.logText)")
        let login = try kit.login("blocked.user")
        let body = #"{"username":"blocked.user","cookies":{"sessionid":"\#(login.cookie)","csrftoken":"\#(login.csrf)"}}"#
        let saved = try responder.answer(try responder.start(post: "/api/instagram/session", body: body, key: try TestStack.newKey()))
        #expect(saved.hasPrefix("Status: 201"), "\(saved.prefix(300))")
        Thread.sleep(forTimeInterval: 4)
        #expect(try sql("SELECT count(*) FROM instagram_sessions WHERE username = 'blocked.user' AND expires_at <= now()") == "1")
        _ = try sql("UPDATE jobs SET run_at = now() WHERE kind = 'session_cleanup' AND state = 'queued'")
        let deadline = Date().addingTimeInterval(30)
        var left = "1"
        while Date() < deadline, left != "0" {
            Thread.sleep(forTimeInterval: 0.5)
            left = try sql("SELECT count(*) FROM instagram_sessions WHERE username = 'blocked.user'")
        }
        #expect(left == "0", "the expired session is still there")
    }
}
