import Foundation
import Testing

/// Bad input gets a clear 4xx envelope and changes nothing.
@Suite(.threaded, .needsStack)
struct BadInputTests {
    let http = TestHTTP()

    /// A fresh user so the key count it sees is its own.
    func keyCount(_ key: String) throws -> Int {
        (try http.get("/api/keys", key: key).json["keys"] as? [Any])?.count ?? -1
    }

    @Test func malformedBodiesAreRejectedAndChangeNothing() throws {
        let key = try TestStack.newKey()
        let cases: [(String, String, Int, String)] = [
            (#"{"name":"#, "application/json", 400, "MALFORMED_JSON"),
            ("", "application/json", 400, "MALFORMED_JSON"),
            (#"{"name":"x"}"#, "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE"),
            (#"{"name":"x"}"#, "application/x-www-form-urlencoded", 415, "UNSUPPORTED_MEDIA_TYPE"),
            (#"{"name":"x","scope":"all"}"#, "application/json", 422, "VALIDATION_ERROR"),
            (#"{"nom":"x"}"#, "application/json", 422, "VALIDATION_ERROR"),
            (#"{"name":42}"#, "application/json", 422, "VALIDATION_ERROR"),
            (#"{"name":""}"#, "application/json", 422, "VALIDATION_ERROR"),
            (#"{"name":"a\u0000b"}"#, "application/json", 422, "VALIDATION_ERROR"),
            ("[]", "application/json", 422, "VALIDATION_ERROR"),
        ]
        for (body, type, status, code) in cases {
            try http.postJSON("/api/keys", body, key: key, contentType: type).expectEnvelope(status: status, code: code)
        }
        #expect(try keyCount(key) == 1, "no key was created by a bad request")
    }

    @Test func unknownFieldIsNamed() throws {
        let response = try http.postJSON("/api/keys", #"{"name":"x","scope":"all"}"#)
        #expect((response.json["errors"] as? [String: String])?["scope"] == "unknown field")
        // An unknown field, a wrong type and a broken rule in one body: one 422 names all three, and no key is made.
        let key = try TestStack.newKey()
        let all = try http.postJSON("/api/keys", #"{"name":"  ","admin":"yes","scope":"all"}"#, key: key)
        all.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(all.json["errors"] as? [String: String] ?? [:] == ["scope": "unknown field", "admin": "must be a boolean",
                                                                  "name": "must be 1 to 200 characters without control characters"], "\(all.text)")
        #expect(try keyCount(key) == 1)
    }

    @Test func invalidUTF8IsRejected() throws {
        let key = try TestStack.newKey()
        let body: [UInt8] = Array(#"{"name":""#.utf8) + [0xC3, 0x28, 0xFF] + Array(#""}"#.utf8)
        try http.send("POST", "/api/keys", key: key, headers: [("Content-Type", "application/json")], body: body)
            .expectEnvelope(status: 400, code: "INVALID_UTF8")
        #expect(try keyCount(key) == 1)
    }

    @Test func oversizedBodyIs413FromTheResponder() throws {
        // Over INSTAGATE_MAX_BODY_BYTES (1 MiB) but under nginx's client_max_body_size: the responder's own 413.
        let body = Array(#"{"name":""#.utf8) + [UInt8](repeating: 97, count: (1 << 20) + 100) + Array(#""}"#.utf8)
        let response = try http.send("POST", "/api/keys", headers: [("Content-Type", "application/json")], body: body)
        response.expectEnvelope(status: 413, code: "PAYLOAD_TOO_LARGE")
    }

    @Test func hugeBodyIs413FromNginx() throws {
        let body = [UInt8](repeating: 97, count: 20 << 20)
        let response = try http.send("POST", "/api/keys", headers: [("Content-Type", "application/json")], body: body)
        response.expectEnvelope(status: 413, code: "PAYLOAD_TOO_LARGE")
    }

    @Test(arguments: ["..", "%2E%2E", "..%2F..%2Fetc%2Fpasswd", "a%00b", "%ZZ"])
    func pathTraversalInParametersIsRejected(segment: String) throws {
        let response = try http.send("DELETE", "/api/keys/\(segment)")
        #expect([400, 404].contains(response.status), "\(segment): \(response.status)")
        #expect(response.json["success"] as? Bool == false)
        #expect(response.status != 200)
    }

    @Test func encodedSlashInParameterIsRejected() throws {
        try http.send("DELETE", "/api/keys/1%2F2").expectEnvelope(status: 400, code: "INVALID_PATH_PARAMETER")
    }

    @Test func hugeHeadersAreAnEnvelope() throws {
        let response = try http.get("/health", key: nil, headers: [("X-Filler", String(repeating: "x", count: 64 * 1024))])
        #expect([400, 431].contains(response.status), "status \(response.status)")
        #expect(response.json["success"] as? Bool == false)
        #expect(response.json["error_code"] is String)
    }

    @Test func nonNumericKeyIDIsNotFound() throws {
        try http.send("DELETE", "/api/keys/abc").expectEnvelope(status: 404, code: "NOT_FOUND")
    }
}
