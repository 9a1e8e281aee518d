import Foundation
import HTTPClient
import Testing

/// `POST /api/analyze` with `session`: an analysis started from one of the caller's saved Instagram sessions.
@Suite(.threaded, .needsSandbox)
struct AnalysisSavedSessionTests {
    let kit = DownloadTestKit()

    @Test func anAnalysisStartsFromASavedSessionAndCompletes() throws {
        let key = try TestStack.newKey()
        let saved = try kit.saveSession("mina.kim", key: key)
        #expect(saved.status == 200 || saved.status == 201, "save: \(saved.status) \(saved.text.prefix(300))")
        var client = AnalysisClient()
        client.key = key
        let answer = try kit.http.postJSON("/api/analyze", #"{"session":"mina.kim"}"#, key: key)
        #expect(answer.status == 202, "\(answer.status) \(answer.text.prefix(300))")
        let jobID = try #require(answer.json["job_id"] as? String)
        let end = try client.waitForEnd(jobID)
        #expect(end["status"] as? String == "completed", "\(end)")
        #expect(end["username"] as? String == "mina.kim")
        // The same saved session while that job is done queues a new run; another user's saved session is unknown.
        let other = try TestStack.newKey()
        try kit.http.postJSON("/api/analyze", #"{"session":"mina.kim"}"#, key: other).expectEnvelope(status: 422, code: "VALIDATION_ERROR")
    }

    @Test func sessionWithCookiesOrAnUnknownSessionIsRefusedNamingTheField() throws {
        let key = try TestStack.newKey()
        for body in [#"{"session":"nobody.saved"}"#, #"{"session":"../x"}"#, #"{"session":"mina.kim","csrf_token":"a","session_id":"b"}"#] {
            let answer = try kit.http.postJSON("/api/analyze", body, key: key)
            answer.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
            #expect((answer.json["errors"] as? [String: Any])?["session"] is String, "\(body): \(answer.text.prefix(300))")
        }
        let missing = try kit.http.postJSON("/api/analyze", #"{"session_id":"abc"}"#, key: key)
        missing.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect((missing.json["errors"] as? [String: Any])?["csrf_token"] as? String == "is required")
        let jobs = try kit.http.get("/api/jobs", key: key).json["items"] as? [Any] // `jobs` is the keyed object
        #expect(jobs?.isEmpty == true, "nothing was queued")
    }
}
