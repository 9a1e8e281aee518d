import Foundation
import HTTPClient
import Testing

/// Every error, the responder's and nginx's own alike, is the envelope with the request id in its body and in
/// `X-Request-ID` (README, "Endpoints").
@Suite(.threaded, .needsStack)
struct ErrorEnvelopeTests {
    let http = TestHTTP()

    /// The answer's `X-Request-ID` is nginx's 32-hex id and the body's `request_id` is the same.
    func expectRequestID(_ answer: HTTPClientResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        let header = answer.header("X-Request-ID") ?? ""
        #expect(header.count == 32 && header.allSatisfy(\.isHexDigit), "X-Request-ID: \(header)", sourceLocation: sourceLocation)
        #expect(answer.json["request_id"] as? String == header, "body \(answer.text.prefix(300))", sourceLocation: sourceLocation)
    }

    @Test func responderErrorsCarryTheRequestID() throws {
        let unauthorized = try http.get("/api/me", key: nil)
        unauthorized.expectEnvelope(status: 401, code: "UNAUTHORIZED")
        expectRequestID(unauthorized)
        let missing = try http.get("/no/such/path")
        missing.expectEnvelope(status: 404, code: "NOT_FOUND")
        expectRequestID(missing)
        let invalid = try http.postJSON("/api/analyze", #"{"csrf_token":"","session_id":"x"}"#)
        invalid.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        expectRequestID(invalid)
        let job = try http.get("/api/status/0123456789abcdef")
        job.expectEnvelope(status: 404, code: "JOB_NOT_FOUND")
        expectRequestID(job)
    }

    @Test func nginxOwn404ForDownloadsOutsideTheSignedFiles() throws {
        for path in ["/downloads/", "/downloads/a/b/c", "/downloads/.partial/x/y.mp4", "/downloads/bad%20code/file.jpg"] {
            let answer = try http.get(path, key: nil)
            answer.expectEnvelope(status: 404, code: "NOT_FOUND")
            expectRequestID(answer)
        }
    }

    @Test func nginxOwn403ForAnUnsignedLinkCarriesTheRequestID() throws {
        let answer = try http.get("/downloads/ABCDEFGHIJK/2024-01-01_00-00-00_ABCDEFGHIJK.jpg", key: nil)
        answer.expectEnvelope(status: 403, code: "FORBIDDEN")
        expectRequestID(answer)
    }

    @Test func nginxOwn413CarriesTheRequestID() throws {
        let answer = try http.send("POST", "/api/analyze", headers: [("Content-Type", "application/json")],
                                   body: Array(repeating: UInt8(ascii: "a"), count: 3 << 20))
        answer.expectEnvelope(status: 413, code: "PAYLOAD_TOO_LARGE")
        expectRequestID(answer)
    }

    @Test func nginxOwn400ForARequestWithoutHostIsTheEnvelope() throws {
        let port = try #require(TestStack.baseURL.split(separator: ":").last.map(String.init))
        // HTTP/1.1 without Host: nginx refuses it itself (no URI reaches the responder).
        let script = #"exec 3<>/dev/tcp/127.0.0.1/\#(port) && printf 'GET /api/me HTTP/1.1\r\nConnection: close\r\n\r\n' >&3 && timeout 10 cat <&3"#
        let result = try TestStack.run("/bin/bash", ["-c", script])
        let raw = result.out
        #expect(raw.hasPrefix("HTTP/1.1 400"), "\(raw.prefix(300))")
        let headers = raw.components(separatedBy: "\r\n\r\n").first ?? ""
        let body = raw.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], "\(body.prefix(300))")
        #expect(object["success"] as? Bool == false)
        #expect(object["error_code"] as? String == "BAD_REQUEST")
        let id = try #require(headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("x-request-id:") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces))
        #expect(object["request_id"] as? String == id)
        #expect(headers.lowercased().contains("content-type: application/json"))
    }

    @Test func nginxOwn429CarriesTheRequestIDAndRetryAfter() throws {
        // The download zone from an address of this test's own: the 7th POST at once is refused by nginx.
        let key = try TestStack.newKey()
        let client = TestHTTP(from: "127.0.0.6")
        var refused: HTTPClientResponse?
        for _ in 0..<12 {
            let answer = try client.postJSON("/api/download", #"{"url":"https://example.com/x/"}"#, key: key)
            if answer.status == 429 { refused = answer; break }
        }
        let answer = try #require(refused)
        answer.expectEnvelope(status: 429, code: "RATE_LIMIT_EXCEEDED")
        expectRequestID(answer)
        #expect(answer.header("Retry-After") == "6")
    }
}
