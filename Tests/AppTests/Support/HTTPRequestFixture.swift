import Web

/// Requests built by hand for the in-process harness.
enum HTTPRequestFixture {
    static func post(_ path: String, key: String, json: String) -> HTTPRequest {
        HTTPRequest(method: "POST", rawPath: path,
                    headers: HTTPHeaders([("Authorization", "Bearer \(key)"), ("Content-Type", "application/json")]),
                    body: Array(json.utf8), remoteAddress: "127.0.0.1")
    }
}
