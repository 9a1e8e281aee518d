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

    /// A world session's cookies (as the browser stores them) and CSRF token.
    func worldSession(_ username: String) throws -> (sessionID: String, csrf: String) {
        let sessions = try sandbox.admin("GET", "/__sandbox/world")["sessions"] as? [[String: Any]] ?? []
        let session = try #require(sessions.first { $0["user"] as? String == username })
        return (try #require(session["sessionid_cookie"] as? String), try #require(session["csrftoken"] as? String))
    }

    /// Saves a world user's session for the API user of `key`.
    func saveSession(_ username: String, key: String) throws -> HTTPClientResponse {
        let session = try worldSession(username)
        return try http.postJSON("/api/instagram/session",
                                 #"{"username":"\#(username)","session_id":"\#(session.sessionID)","csrf_token":"\#(session.csrf)"}"#, key: key)
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

    /// Arms a sandbox fault; returns its id (for `removeFault`).
    func fault(_ json: String) throws -> Int {
        let rules = try sandbox.admin("POST", "/__sandbox/faults", json)["faults"] as? [[String: Any]] ?? []
        return (rules.first?["id"] as? NSNumber)?.intValue ?? -1
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
