import Foundation
import HTTPClient
import Testing

/// Requests to the stack through nginx, with no retries (tests must see every answer as it is).
struct TestHTTP {
    var client: HTTPClient

    /// A client whose `timeout` is the whole wait (the stall limit too: a 100,000-row CSV may take a while before
    /// its first byte on a loaded machine); `from` picks the loopback source address (127.0.0.x) so per-IP limits can be tested apart.
    init(from localAddress: String? = nil, timeout: Double = 15) {
        client = HTTPClient(configuration: HTTPClientConfiguration(
            requestTimeout: timeout, lowSpeedTime: Int(timeout.rounded(.up)), maxResponseBytes: 64 << 20, maxRetries: 0, maxRedirects: 0,
            userAgent: "instagate-tests", localAddress: localAddress))
    }

    func send(_ method: String, _ path: String, key: String? = TestStack.apiKey, headers: [(String, String)] = [],
              body: [UInt8]? = nil) throws -> HTTPClientResponse {
        var all = headers
        if let key { all.append(("Authorization", "Bearer \(key)")) }
        return try client.send(HTTPClientRequest(method: method, url: TestStack.baseURL + path, headers: all, body: body))
    }

    func get(_ path: String, key: String? = TestStack.apiKey, headers: [(String, String)] = []) throws -> HTTPClientResponse {
        try send("GET", path, key: key, headers: headers)
    }

    func postJSON(_ path: String, _ json: String, key: String? = TestStack.apiKey,
                  contentType: String = "application/json") throws -> HTTPClientResponse {
        try send("POST", path, key: key, headers: [("Content-Type", contentType)], body: Array(json.utf8))
    }
}

extension HTTPClientResponse {
    /// The body as a JSON object (a failed expectation and an empty object if it is not one).
    var json: [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            Issue.record("body is not a JSON object: \(text.prefix(300))")
            return [:]
        }
        return object
    }

    /// Checks the error envelope: status, `success: false`, the code, a message, an `errors` object.
    func expectEnvelope(status expected: Int, code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status == expected, "status \(status), body \(text.prefix(300))", sourceLocation: sourceLocation)
        #expect(header("Content-Type")?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
        let object = json
        #expect(object["success"] as? Bool == false, sourceLocation: sourceLocation)
        #expect(object["error_code"] as? String == code, "body \(text.prefix(300))", sourceLocation: sourceLocation)
        #expect((object["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(object["errors"] is [String: Any], sourceLocation: sourceLocation)
    }
}
