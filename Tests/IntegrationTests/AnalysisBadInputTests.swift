import Foundation
import HTTPClient
import Testing

/// Bad input to the analysis endpoints: clear envelope errors, nothing changed.
@Suite(.threaded, .needsStack)
struct AnalysisBadInputTests {
    let http = TestHTTP()

    func analyze(_ body: String) throws -> HTTPClientResponse {
        try http.postJSON("/api/analyze", body)
    }

    @Test func missingEmptyLongAndControlCharacterTokensAreRefused() throws {
        try analyze(#"{"session_id":"abc"}"#).expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        try analyze(#"{"csrf_token":"","session_id":"abc"}"#).expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        try analyze(#"{"csrf_token":"\#(String(repeating: "a", count: 5000))","session_id":"abc"}"#)
            .expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        try analyze(#"{"csrf_token":"a\u0001b","session_id":"abc"}"#).expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        try analyze(#"{"csrf_token":"a","session_id":"abc","extra":1}"#).expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        try analyze(#"{"csrf_token":"a","session_id":"abc","username":"../etc"}"#).expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        let all = try analyze(#"{"csrf_token":"a\u0001b","session_id":"abc","username":7,"extra":1}"#)
        all.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(Set((all.json["errors"] as? [String: String] ?? [:]).keys) == ["csrf_token", "username", "extra"], "\(all.text)")
    }

    @Test func unknownAndMalformedJobIDsAre404() throws {
        try http.get("/api/status/0123456789abcdef").expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        try http.get("/api/status/not-a-job").expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        try http.send("DELETE", "/api/job/0123456789abcdef").expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        try http.get("/api/debug/0123456789abcdef").expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
    }

    @Test(.needsSandbox) func anotherUsersJobIs404() throws {
        let client = AnalysisClient()
        let jobID = try client.start("mina.kim")
        let other = try TestStack.newKey()
        try http.get("/api/status/\(jobID)", key: other).expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        try http.send("DELETE", "/api/job/\(jobID)", key: other).expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        try http.get("/api/debug/\(jobID)", key: other).expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        #expect(try http.get("/api/status/\(jobID)").status == 200)
    }

    @Test(.needsSandbox) func badListAndFormatAreValidationErrors() throws {
        try http.get("/api/status/0123456789abcdef?list=everyone").expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        try http.get("/api/analyses/mina.kim/changes?since=yesterday").expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        try http.get("/api/analyses/nobody.analysed/changes").expectEnvelope(status: 404, code: "NOT_FOUND")
        // The validation itself, on a job that exists and has completed (a user of its own).
        var client = AnalysisClient()
        client.key = try TestStack.newKey()
        let jobID = try client.start("mina.kim")
        let end = try client.waitForEnd(jobID)
        try #require(end["status"] as? String == "completed", "\(end)")
        let key = client.key
        #expect(try http.get("/api/status/\(jobID)?list=followers", key: key).status == 200)
        for query in ["list=everyone", "list=", "format=xml", "list=followers&limit=0", "list=followers&limit=1001",
                      "format=csv&list=everyone"] {
            let answer = try http.get("/api/status/\(jobID)?\(query)", key: key)
            answer.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
            let field = query.contains("limit") ? "limit" : query.hasPrefix("format=xml") ? "format" : "list"
            #expect((answer.json["errors"] as? [String: Any])?[field] != nil, "\(query): \(answer.text.prefix(300))")
        }
    }

    @Test func queueAndJobsAnswer() throws {
        let queue = try http.get("/api/queue").json
        #expect(queue["cap"] as? Int == 5)
        #expect(queue["running"] is Int && queue["queued"] is Int)
        #expect(try http.get("/api/jobs").json["items"] is [Any])
        #expect(try http.get("/api/jobs").json["jobs"] is [String: Any])
        // A user of its own: cleanup removes every finished job of the caller, other tests' too.
        let own = try TestStack.newKey()
        #expect(try http.send("POST", "/api/cleanup", key: own).json["removed"] as? Int == 0)
    }

    @Test(.needsSandbox) func cleanupRemovesTheCallersFinishedJobsOnly() throws {
        var client = AnalysisClient()
        client.key = try TestStack.newKey()
        let other = try TestStack.newKey()
        var otherClient = AnalysisClient()
        otherClient.key = other
        let mine = try client.start("mina.kim")
        let theirs = try otherClient.start("mina.kim")
        #expect(try client.waitForEnd(mine)["status"] as? String == "completed")
        #expect(try otherClient.waitForEnd(theirs)["status"] as? String == "completed")
        let cleaned = try http.send("POST", "/api/cleanup", key: client.key)
        #expect(cleaned.status == 200)
        #expect(cleaned.json["removed"] as? Int == 1, "\(cleaned.text.prefix(300))")
        try http.get("/api/status/\(mine)", key: client.key).expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        #expect((try http.get("/api/jobs", key: client.key).json["items"] as? [Any])?.isEmpty == true)
        // Another user's finished job stays.
        #expect(try http.get("/api/status/\(theirs)", key: other).json["status"] as? String == "completed")
        #expect(try http.send("POST", "/api/cleanup", key: client.key).json["removed"] as? Int == 0)
    }
}
