import Crypto
import Foundation
import HTTPClient
import Synchronization
import Testing

/// Loopback source addresses, rotated so nginx's 10-per-minute limit of POST /api/download (per client IP)
/// does not throttle the suite.
let downloadSourceAddress = Atomic<Int>(0)

/// Helpers of the downloader's integration tests: the world's posts and sessions, downloads through nginx.
struct DownloadTestKit {
    let http = TestHTTP(timeout: 120)
    let sandbox = SandboxTestClient()

    static var available: Bool { TestStack.isAvailable && SandboxTestEnvironment.url != nil }

    /// The shortcode of a world post.
    func shortcode(_ key: String) throws -> String {
        try #require(try sandbox.post(key)["shortcode"] as? String)
    }

    /// The CDN paths of a post's items (`image_cdn_path`, `video_cdn_path`).
    func item(_ key: String, _ index: Int) throws -> [String: Any] {
        let items = try #require(try sandbox.post(key)["items"] as? [[String: Any]])
        return items[index]
    }

    /// The bytes of a world post's file straight from the sandbox's CDN (a signed URL from the admin API). World
    /// posts share fixture files (carousel-ten's second photo is photo-slide-two's), and a suite running beside this
    /// one may have armed a fault on that very CDN path: the file is read while no armed GET rule covers its path.
    func cdnFile(_ key: String, item: Int = 0, video: Bool) throws -> [UInt8] {
        let signed = try sandbox.admin("GET", "/__sandbox/cdn/url?post=\(key)&item=\(item)\(video ? "&video=1" : "")")
        let url = try #require(signed["url"] as? String)
        let path = URLComponents(string: url)?.path ?? url
        func faulted() throws -> Bool {
            let rules = try sandbox.send("GET", "/__sandbox/faults").sandboxJSON["faults"] as? [[String: Any]] ?? []
            return rules.contains { rule in
                let method = (rule["method"] as? String)?.uppercased()
                return (method == nil || method == "GET") && (rule["path"] as? String).map { Self.glob($0, path) } ?? true
            }
        }
        let until = Date().addingTimeInterval(30)
        while true {
            if try faulted(), Date() < until { Thread.sleep(forTimeInterval: 0.1); continue }
            let answer = try sandbox.send("GET", url)
            if try faulted(), Date() < until { continue }
            #expect(answer.status == 200)
            return answer.body
        }
    }

    /// The sandbox's fault path match (`FaultRule.glob`): `*` wildcards, else a prefix.
    static func glob(_ pattern: String, _ text: String) -> Bool {
        guard pattern.contains("*") else { return text.hasPrefix(pattern) }
        let expression = "^" + pattern.split(separator: "*", omittingEmptySubsequences: false)
            .map { NSRegularExpression.escapedPattern(for: String($0)) }.joined(separator: ".*") + "$"
        return text.range(of: expression, options: .regularExpression) != nil
    }

    /// A new sandbox session of a world user in the given state: its cookie (as the browser stores it) and CSRF
    /// token. Always a fresh one: the world's session list also holds the sessions other suites create in other
    /// states (expired, checkpoint …) for the same users, in no fixed order.
    func freshSession(_ username: String, state: String = "valid") throws -> (sessionID: String, csrf: String) {
        let created = try sandbox.admin("POST", "/__sandbox/sessions", #"{"username":"\#(username)","state":"\#(state)"}"#)
        return (try #require(created["sessionid_cookie"] as? String), try #require(created["csrftoken"] as? String))
    }

    /// Saves a fresh valid session of a world user for the API user of `key`.
    func saveSession(_ username: String, key: String) throws -> HTTPClientResponse {
        try saveSession(username, freshSession(username), key: key)
    }

    /// Saves the given session cookies as `username`'s for the API user of `key`.
    func saveSession(_ username: String, _ session: (sessionID: String, csrf: String), key: String) throws -> HTTPClientResponse {
        try http.postJSON("/api/instagram/session",
                          #"{"username":"\#(username)","session_id":"\#(session.sessionID)","csrf_token":"\#(session.csrf)"}"#, key: key)
    }

    /// Polls `GET /api/downloads/{code}` until the download is completed or failed (at most `seconds`).
    func waitForDownload(_ code: String, key: String, seconds: Double = 60) throws -> [String: Any] {
        var item: [String: Any] = [:]
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            item = try http.get("/api/downloads/\(code)", key: key).json["download"] as? [String: Any] ?? [:]
            if ["completed", "failed"].contains(item["status"] as? String ?? "") { break }
            Thread.sleep(forTimeInterval: 0.25)
        }
        return item
    }

    /// The sandbox's request log after sequence number `after` under a path prefix.
    func requests(after: Int, path: String) throws -> [[String: Any]] {
        try sandbox.admin("GET", "/__sandbox/requests?after=\(after)&path=\(path)&limit=1000")["requests"] as? [[String: Any]] ?? []
    }

    /// The newest sequence number of the sandbox's request log.
    func lastRequestSequence() throws -> Int {
        let all = try sandbox.admin("GET", "/__sandbox/requests?limit=1")["requests"] as? [[String: Any]] ?? []
        return all.compactMap { ($0["seq"] as? NSNumber)?.intValue }.max() ?? 0
    }

    /// POST /api/download for a world post.
    func download(_ key: String, apiKey: String = TestStack.apiKey, extra: String = "", path: String = "p") throws -> HTTPClientResponse {
        let code = try shortcode(key)
        return try post(#"{"url":"https://www.instagram.com/\#(path)/\#(code)/"\#(extra)}"#, apiKey: apiKey)
    }

    /// POST /api/download with a body, from the next loopback source address.
    func post(_ body: String, apiKey: String = TestStack.apiKey) throws -> HTTPClientResponse {
        let next = downloadSourceAddress.add(1, ordering: .relaxed).newValue % 200 + 20
        return try TestHTTP(from: "127.0.0.\(next)", timeout: 120).postJSON("/api/download", body, key: apiKey)
    }

    /// GET of a signed link through nginx (absolute URL from the API).
    func fetch(_ url: String, headers: [(String, String)] = []) throws -> HTTPClientResponse {
        try http.client.send(HTTPClientRequest(url: url, headers: headers, maxResponseBytes: 64 << 20))
    }

    /// The SHA-256 of bytes as hex.
    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The post's directory under the stack's downloads.
    static func directory(_ shortcode: String) -> String { "\(TestStack.home)/downloads/\(shortcode)" }

    /// Arms a sandbox fault; returns its id (for `removeFault`). Throws when the sandbox did not arm it.
    func fault(_ json: String) throws -> Int {
        let answer = try sandbox.send("POST", "/__sandbox/faults", headers: [("Content-Type", "application/json")], body: json)
        let rules = answer.sandboxJSON["faults"] as? [[String: Any]] ?? []
        guard (200..<300).contains(answer.status), rules.count == 1, let id = (rules[0]["id"] as? NSNumber)?.intValue else {
            throw FaultNotArmed(rule: json, status: answer.status, answer: answer.text)
        }
        return id
    }

    /// The sandbox refused (or did not answer) a fault rule.
    struct FaultNotArmed: Error, CustomStringConvertible {
        var rule: String
        var status: Int
        var answer: String
        var description: String { "the sandbox did not arm \(rule): \(status) \(answer.prefix(300))" }
    }

    /// The sandbox's log entries after `after` for a path (prefix) whose `faults` name `kind`.
    func firedFaults(after: Int, path: String, kind: String) throws -> [[String: Any]] {
        try requests(after: after, path: path).filter { ($0["faults"] as? [String])?.contains(kind) == true }
    }

    func removeFault(_ id: Int) throws {
        _ = try sandbox.send("DELETE", "/__sandbox/faults/\(id)")
    }

    /// Clears the sandbox's pacing counters (the suite makes many anonymous calls from one address).
    func resetLimits() throws {
        _ = try sandbox.admin("POST", "/__sandbox/limits/reset")
    }

    /// The files of an answer.
    static func files(_ answer: [String: Any]) -> [[String: Any]] { answer["files"] as? [[String: Any]] ?? [] }
}
