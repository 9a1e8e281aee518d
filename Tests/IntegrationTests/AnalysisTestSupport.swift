import Foundation
import HTTPClient
import Testing

/// Follower analyses through the stack: sessions made by the sandbox's admin API, jobs run by the worker.
struct AnalysisClient {
    let http = TestHTTP(timeout: 60)
    let sandbox = SandboxTestClient()
    var key: String = TestStack.apiKey

    /// A fresh sandbox session for a world user: (session_id, csrf_token).
    func session(_ username: String, state: String = "valid") throws -> (sessionID: String, csrf: String) {
        let created = try sandbox.admin("POST", "/__sandbox/sessions", #"{"username":"\#(username)","state":"\#(state)","unlimited":true}"#)
        return (created["sessionid_cookie"] as? String ?? "", created["csrftoken"] as? String ?? "")
    }

    func analyze(_ session: (sessionID: String, csrf: String), username: String? = nil) throws -> HTTPClientResponse {
        let target = username.map { #","username":"\#($0)""# } ?? ""
        return try http.send("POST", "/api/analyze", key: key, headers: [("Content-Type", "application/json")],
                             body: Array(#"{"csrf_token":"\#(session.csrf)","session_id":"\#(session.sessionID)"\#(target)}"#.utf8))
    }

    func status(_ jobID: String, query: String = "") throws -> [String: Any] {
        try http.get("/api/status/\(jobID)\(query)", key: key).json
    }

    /// Polls the status until the job is in a terminal state (or `seconds` pass); returns the last status.
    func waitForEnd(_ jobID: String, seconds: Double = 120) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        var last: [String: Any] = [:]
        while Date() < deadline {
            // A slow answer (the responder's threads busy with other tests' work) is not the job's state: ask again.
            do { last = try status(jobID) } catch let error as HTTPClientError where error.code == .timeout { continue }
            if let state = last["status"] as? String, ["completed", "failed", "cancelled"].contains(state) { return last }
            Thread.sleep(forTimeInterval: 0.2)
        }
        Issue.record("job \(jobID) did not end within \(seconds) s: \(last)")
        return last
    }

    /// Starts an analysis and returns its job id (expects 202).
    func start(_ username: String, target: String? = nil) throws -> String {
        let answer = try analyze(try session(username), username: target)
        #expect(answer.status == 202, "analyze: \(answer.status) \(answer.text.prefix(300))")
        return answer.json["job_id"] as? String ?? ""
    }

    /// Every username of one list of a completed job, following `next_cursor`.
    func allUsernames(_ jobID: String, list: String) throws -> [String] {
        var names: [String] = []
        var cursor = ""
        repeat {
            let body = try status(jobID, query: "?list=\(list)&limit=1000" + (cursor.isEmpty ? "" : "&cursor=\(cursor)"))
            let results = body["results"] as? [String: Any] ?? [:]
            let page = results[list] as? [String: Any] ?? [:]
            names += (page["users"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }
            cursor = page["next_cursor"] as? String ?? ""
        } while !cursor.isEmpty
        return names
    }
}

extension Dictionary where Key == String, Value == Any {
    /// `results.counts` of a status answer.
    var analysisCounts: [String: Int] {
        ((self["results"] as? [String: Any])?["counts"] as? [String: Any] ?? [:]).compactMapValues { $0 as? Int }
    }
}
