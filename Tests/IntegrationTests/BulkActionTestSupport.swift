import Foundation
import HTTPClient
import Postgres
import Testing

/// Helpers of the bulk actions' integration tests (issue 15): a fresh sandbox account with its own posts saved for a
/// new API key (so limits, blocks and pacing of one test never meet another's), bulk jobs through nginx, the
/// sandbox's world and request log.
struct BulkActionTestKit {
    let actions = ActionTestKit()
    var http: TestHTTP { actions.http }
    var sandbox: SandboxTestClient { actions.sandbox }

    /// A new sandbox account, logged in and saved for a new API key; the key.
    func account(_ prefix: String) throws -> (name: String, key: String, login: ActionTestKit.SandboxLogin) {
        let name = ProfileTestKit.uniqueName(prefix)
        _ = try sandbox.admin("POST", "/__sandbox/users", #"{"username":"\#(name)"}"#)
        let (key, login) = try actions.saved(name)
        return (name, key, login)
    }

    /// `count` new posts (of a new owner), their media pks.
    func posts(_ count: Int) throws -> [String] {
        let owner = ProfileTestKit.uniqueName("bulk.owner")
        _ = try sandbox.admin("POST", "/__sandbox/users", #"{"username":"\#(owner)"}"#)
        let made = try sandbox.admin("POST", "/__sandbox/posts", #"{"owner":"\#(owner)","from":"photo-sea","count":\#(count)}"#)
        let pks = (made["posts"] as? [[String: Any]] ?? []).compactMap { $0["pk"] as? String }
        #expect(pks.count == count, "the sandbox made \(pks.count) posts of \(count)")
        return pks.reversed()
    }

    /// POST /api/instagram/bulk; the answer.
    func start(_ json: String, key: String) throws -> HTTPClientResponse {
        try http.postJSON("/api/instagram/bulk", json, key: key)
    }

    /// The 202 answer's job id.
    func started(_ json: String, key: String) throws -> String {
        let answer = try start(json, key: key)
        #expect(answer.status == 202, "\(answer.status) \(answer.text.prefix(400))")
        return try #require((answer.json["data"] as? [String: Any])?["job_id"] as? String)
    }

    /// `data` of GET /api/instagram/bulk/{id}.
    func status(_ id: String, key: String) throws -> [String: Any] {
        let answer = try http.get("/api/instagram/bulk/\(id)", key: key)
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        return answer.json["data"] as? [String: Any] ?? [:]
    }

    func count(_ data: [String: Any], _ field: String) -> Int { (data[field] as? NSNumber)?.intValue ?? -1 }

    /// POSTs `/pause` or `/resume`, or DELETEs.
    func control(_ id: String, _ verb: String, key: String) throws -> HTTPClientResponse {
        verb == "cancel" ? try http.send("DELETE", "/api/instagram/bulk/\(id)", key: key)
                         : try http.postJSON("/api/instagram/bulk/\(id)/\(verb)", "{}", key: key)
    }

    /// Polls until `done(data)` holds (at most `seconds`); the last `data`.
    func wait(_ id: String, key: String, seconds: Double = 120, until done: ([String: Any]) -> Bool) throws -> [String: Any] {
        let end = Date().addingTimeInterval(seconds)
        var data = try status(id, key: key)
        while !done(data), Date() < end {
            Thread.sleep(forTimeInterval: 0.25)
            data = try status(id, key: key)
        }
        return data
    }

    func waitToEnd(_ id: String, key: String, seconds: Double = 120) throws -> [String: Any] {
        try wait(id, key: key, seconds: seconds) { ["completed", "stopped", "cancelled", "paused"].contains($0["status"] as? String ?? "") }
    }

    /// The world's media pks `username` likes.
    func liked(by username: String) throws -> Set<String> {
        Set((try actions.world()["likes"] as? [[String: Any]] ?? []).filter { $0["user"] as? String == username }
            .compactMap { $0["media_pk"] as? String })
    }

    /// The sandbox's like POSTs after `after` to `posts` (fresh posts of one test: whoever sent them, since a
    /// refusal is answered before the viewer is known): media pk → the answers' statuses.
    func likePosts(after: Int, to posts: [String]) throws -> [String: [Int]] {
        let wanted = Set(posts)
        var sent: [String: [Int]] = [:]
        for request in try actions.requests(after: after, path: "/api/v1/web/likes/") where request["method"] as? String == "POST" {
            let parts = (request["path"] as? String ?? "").split(separator: "/")
            guard parts.count >= 6, parts[5] == "like", wanted.contains(String(parts[4])) else { continue }
            sent[String(parts[4]), default: []].append((request["status"] as? NSNumber)?.intValue ?? 0)
        }
        return sent
    }

    /// The pid of the worker holding the run's job (its lease owner is `host:pid/slot`).
    func workerPID(ofRun publicID: String, db: PostgresConnection) throws -> Int32? {
        let owner: String? = try db.query("""
            SELECT j.lease_owner FROM jobs j JOIN instagram_bulk_runs r ON r.job_id = j.id
            WHERE r.public_id = \(publicID) AND j.state = 'running'
            """).first?.decodeIfPresent("lease_owner")
        return owner?.split(separator: "/").first?.split(separator: ":").last.flatMap { Int32($0) }
    }

    /// The state of the run's item at `position`.
    func itemState(_ publicID: String, position: Int, db: PostgresConnection) throws -> String? {
        try db.query("""
            SELECT i.state FROM instagram_bulk_items i JOIN instagram_bulk_runs r ON r.id = i.run_id
            WHERE r.public_id = \(publicID) AND i.position = \(position)
            """).first?.decode("state")
    }
}
