import Crypto
import Foundation
import Testing

/// The follower-analysis service's document (seed 003) replayed through nginx against the sandbox: every request
/// example, its answer checked field by field (names, types, the values the document fixes). instagate's own
/// fields stay beside them; the API key is the only addition a client makes.
@Suite(.needsStackAndSandbox)
struct FollowerAnalysisContractTests {
    let statusWords = ["queued", "processing", "completed", "failed"]

    /// A client for a new API user (its jobs, counts and cleanups are its own).
    func ownClient() throws -> AnalysisClient {
        var client = AnalysisClient()
        client.key = try TestStack.newKey()
        return client
    }

    /// `curl http://localhost:5000/api/health`: no key needed.
    @Test func healthExample() throws {
        let answer = try TestHTTP().get("/api/health", key: nil)
        #expect(answer.status == 200)
        expectDocumented(answer.json, ["status": .oneOf(["healthy"]), "timestamp": .string, "active_jobs": .integer,
                                       "queued_jobs": .integer], "GET /api/health")
    }

    /// `POST /api/analyze` with the two cookies, then `GET /api/status/{job_id}` until completed, `GET /api/debug`,
    /// `GET /api/jobs`, `GET /api/queue`, a second analyze (409) and `DELETE /api/job/{job_id}`.
    @Test func analyzeStatusDebugJobsQueueAndDeleteExamples() throws {
        let client = try ownClient()
        let session = try client.session("mina.kim")
        let submitted = try client.analyze(session)
        #expect([200, 202].contains(submitted.status), "\(submitted.text.prefix(300))")
        expectDocumented(submitted.json, ["job_id": .string, "status": .oneOf(statusWords), "position_in_queue": .integer,
                                          "estimated_wait_time": .string], "POST /api/analyze")
        let jobID = try #require(submitted.json["job_id"] as? String)
        // The document's formula gives the same id: SHA256(csrf_token + ":" + session_id)[:16].
        let formula = SHA256.hash(data: Data("\(session.csrf):\(session.sessionID)".utf8)).map { String(format: "%02x", $0) }.joined().prefix(16)
        #expect(jobID == String(formula))
        let statusFields: [String: FieldType] = ["status": .oneOf(statusWords), "session_id": .string, "user_id": .string,
                                                 "created_at": .integer, "position_in_queue": .integer]
        expectDocumented(try client.status(jobID), statusFields, "GET /api/status/{job_id} (queued or processing)")

        let end = try client.waitForEnd(jobID)
        try #require(end["status"] as? String == "completed", "\(end)")
        expectDocumented(end, statusFields.merging(["result": .shape([
            "followers_count": .integer, "following_count": .integer, "unfollowers_count": .integer,
            "unfollowers": .stringList, "analysis_completed_at": .string])]) { $1 }, "GET /api/status/{job_id} (completed)")
        #expect(end["position_in_queue"] as? Int == 0)
        #expect(!(end["session_id"] as? String ?? "").contains(session.sessionID), "the session cookie is never returned")
        let result = end["result"] as? [String: Any] ?? [:]
        let unfollowers = result["unfollowers"] as? [String] ?? []
        #expect(Set(unfollowers) == Set(try client.allUsernames(jobID, list: "unfollowers")))
        #expect(result["unfollowers_count"] as? Int == unfollowers.count)
        let created = try #require(end["created_at"] as? Int)
        #expect(abs(Double(created) - Date().timeIntervalSince1970) < 600, "created_at is unix seconds: \(created)")

        let debug = try client.http.get("/api/debug/\(jobID)", key: client.key)
        #expect(debug.status == 200)
        expectDocumented(debug.json, ["status": .oneOf(["completed"]), "created_at": .integer, "position_in_queue": .integer,
                                      "processing_time": .number], "GET /api/debug/{job_id}")
        #expect(((debug.json["processing_time"] as? NSNumber)?.doubleValue ?? -1) > 0)

        let jobs = try client.http.get("/api/jobs", key: client.key)
        expectDocumented(jobs.json, ["jobs": .object, "total_jobs": .integer, "active_sessions_count": .integer,
                                     "queue_length": .integer], "GET /api/jobs")
        let keyed = jobs.json["jobs"] as? [String: Any] ?? [:]
        #expect(Array(keyed.keys) == [jobID], "keyed by job id: \(keyed.keys)")
        expectDocumented(keyed[jobID] as? [String: Any] ?? [:], ["status": .oneOf(["completed"]), "created_at": .integer,
                                                                 "position_in_queue": .integer], "GET /api/jobs → jobs.{job_id}")
        #expect(jobs.json["total_jobs"] as? Int == 1)

        let queue = try client.http.get("/api/queue", key: client.key)
        expectDocumented(queue.json, ["active_sessions": .integer, "max_concurrent": .integer, "queued_jobs": .integer,
                                      "active_session_ids": .stringList, "total_jobs_in_memory": .integer], "GET /api/queue")
        #expect(queue.json["max_concurrent"] as? Int == 5)
        #expect(queue.json["total_jobs_in_memory"] as? Int == 1)

        // A finished job not yet cleaned up still holds the session: 409 with the document's body.
        let again = try client.analyze(session)
        again.expectEnvelope(status: 409, code: "JOB_ALREADY_EXISTS")
        expectDocumented(again.json, ["error": .oneOf(["Job already exists"]), "message": .string, "job_id": .string,
                                      "status": .oneOf(["completed"])], "409 Job already exists")
        #expect(again.json["job_id"] as? String == jobID)
        #expect(again.json["message"] as? String == "This account already has a job with status: completed")

        let deleted = try client.http.send("DELETE", "/api/job/\(jobID)", key: client.key)
        #expect(deleted.status == 200)
        expectDocumented(deleted.json, ["message": .oneOf(["Job deleted successfully"]), "deleted_job_status": .oneOf(["completed"]),
                                        "remaining_jobs": .integer], "DELETE /api/job/{job_id}")
        #expect(deleted.json["remaining_jobs"] as? Int == 0)
        // Deleted: the same session may be analysed again, under the same id (one job per id in GET /api/jobs).
        let resubmitted = try client.analyze(session)
        #expect(resubmitted.status == 202, "\(resubmitted.text.prefix(300))")
        #expect(resubmitted.json["job_id"] as? String == jobID)
        _ = try client.waitForEnd(jobID)
        let listed = try client.http.get("/api/jobs", key: client.key).json
        #expect((listed["jobs"] as? [String: Any])?.count == 1 && (listed["items"] as? [Any])?.count == 1, "\(listed)")
    }

    /// "One job per session": the same `session_id` with another `csrf_token` while the first job runs is 409 with
    /// the running job's id.
    @Test func oneJobPerSessionWhateverTheCSRFToken() throws {
        let client = try ownClient()
        let session = try client.session("bench.cinema")
        let first = try client.analyze(session, username: "bigstar")
        #expect(first.status == 202)
        let jobID = try #require(first.json["job_id"] as? String)
        defer { _ = try? client.http.send("DELETE", "/api/job/\(jobID)", key: client.key) }
        let other = try client.analyze((sessionID: session.sessionID, csrf: session.csrf + "x"), username: "bigstar")
        other.expectEnvelope(status: 409, code: "JOB_ALREADY_RUNNING")
        expectDocumented(other.json, ["error": .oneOf(["Job already exists"]), "message": .string, "job_id": .string,
                                      "status": .oneOf(["queued", "processing"])], "409 while running")
        #expect(other.json["job_id"] as? String == jobID)
    }

    /// `{"error": "Job not found"}` for an unknown id (the envelope beside it).
    @Test func unknownJobExample() throws {
        let client = try ownClient()
        for (method, path) in [("GET", "/api/status/0123456789abcdef"), ("DELETE", "/api/job/0123456789abcdef"),
                               ("GET", "/api/debug/0123456789abcdef")] {
            let answer = try client.http.send(method, path, key: client.key)
            answer.expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
            #expect(answer.json["error"] as? String == "Job not found", "\(method) \(path)")
        }
    }

    /// `POST /api/cleanup` (no response documented): 200 and the count.
    @Test func cleanupExample() throws {
        let client = try ownClient()
        let answer = try client.http.send("POST", "/api/cleanup", key: client.key)
        #expect(answer.status == 200)
        #expect(answer.json["removed"] as? Int == 0)
    }

    /// `{"error": "csrf_token is required"}`: instagate answers its 422 envelope naming the field (and every other
    /// bad field), not the document's 400.
    @Test func missingCSRFTokenExample() throws {
        let client = try ownClient()
        let answer = try client.http.postJSON("/api/analyze", #"{"session_id":"1234%3Aabc"}"#, key: client.key)
        answer.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect((answer.json["errors"] as? [String: Any])?["csrf_token"] != nil, "\(answer.text.prefix(300))")
    }
}
