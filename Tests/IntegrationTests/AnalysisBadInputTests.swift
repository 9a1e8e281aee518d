import Foundation
import HTTPClient
import Testing

/// Bad input to the analysis endpoints: clear envelope errors, nothing changed.
@Suite(.enabled(if: TestStack.isAvailable, TestStack.skipReason))
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
    }

    @Test func unknownAndMalformedJobIDsAre404() throws {
        try http.get("/api/status/0123456789abcdef").expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        try http.get("/api/status/not-a-job").expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        try http.send("DELETE", "/api/job/0123456789abcdef").expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        try http.get("/api/debug/0123456789abcdef").expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
    }

    @Test(.enabled(if: SandboxTestEnvironment.url != nil)) func anotherUsersJobIs404() throws {
        let client = AnalysisClient()
        let jobID = try client.start("mina.kim")
        let other = try TestStack.newKey()
        try http.get("/api/status/\(jobID)", key: other).expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        try http.send("DELETE", "/api/job/\(jobID)", key: other).expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        try http.get("/api/debug/\(jobID)", key: other).expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        #expect(try http.get("/api/status/\(jobID)").status == 200)
    }

    @Test func badListAndFormatAreValidationErrors() throws {
        try http.get("/api/status/0123456789abcdef?list=everyone").expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        try http.get("/api/analyses/mina.kim/changes?since=yesterday").expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        try http.get("/api/analyses/nobody.analysed/changes").expectEnvelope(status: 404, code: "NOT_FOUND")
    }

    @Test func queueAndJobsAnswer() throws {
        let queue = try http.get("/api/queue").json
        #expect(queue["cap"] as? Int == 5)
        #expect(queue["running"] is Int && queue["queued"] is Int)
        #expect(try http.get("/api/jobs").json["jobs"] is [Any])
        // A user of its own: cleanup removes every finished job of the caller, other tests' too.
        let own = try TestStack.newKey()
        #expect(try http.send("POST", "/api/cleanup", key: own).json["removed"] as? Int == 0)
    }
}
