import FastCGI
import Testing
@testable import Web

@Suite struct HTTPRequestTests {
    @Test func buildsFromFastCGIParams() throws {
        let request = try HTTPRequest(fastCGI: FastCGIRequest(params: [
            "REQUEST_METHOD": "post", "REQUEST_URI": "/api/x?a=1&b=two+words&c=%ED%95%9C", "QUERY_STRING": "ignored",
            "HTTP_X_FORWARDED_FOR": "1.2.3.4", "CONTENT_TYPE": "application/json", "REQUEST_ID": "abc-123",
            "HTTP_COOKIE": "sessionid=s%3A1; csrftoken=t; broken", "REMOTE_ADDR": "127.0.0.1",
        ], body: Array("{}".utf8)))
        #expect(request.method == "POST")
        #expect(request.rawPath == "/api/x")
        #expect(request.query("b") == "two words")
        #expect(request.query("c") == "한")
        #expect(request.headers["x-forwarded-for"] == "1.2.3.4")
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(request.requestID == "abc-123")
        #expect(request.cookies == ["sessionid": "s:1", "csrftoken": "t"])
    }

    @Test func rejectsUnsafeRequestIDs() throws {
        let request = try HTTPRequest(fastCGI: FastCGIRequest(params: ["REQUEST_URI": "/", "HTTP_X_REQUEST_ID": "bad id\n<script>"]))
        #expect(request.requestID.count == 32)
        #expect(request.requestID != "bad id\n<script>")
    }

    @Test func oversizedBodyIs413() {
        do {
            _ = try HTTPRequest(fastCGI: FastCGIRequest(params: ["REQUEST_URI": "/"], bodyTooLarge: true))
            Issue.record("expected a throw")
        } catch {
            #expect(error.status.code == 413)
            #expect(error.code == "PAYLOAD_TOO_LARGE")
        }
    }

    struct Body: StrictDecodable {
        static let allowedFields: Set<String> = ["name", "count"]
        var name: String
        var count: Int?
    }

    func request(_ body: String, type: String = "application/json") -> HTTPRequest {
        HTTPRequest(method: "POST", rawPath: "/", headers: HTTPHeaders([("Content-Type", type)]), body: Array(body.utf8))
    }

    func error(_ request: HTTPRequest) -> APIError? {
        do { _ = try request.decodeJSON(Body.self); return nil } catch { return error }
    }

    @Test func decodesStrictBodies() throws {
        let body = try request(#"{"name":"여행","count":2}"#, type: "application/json; charset=utf-8").decodeJSON(Body.self)
        #expect(body.name == "여행")
        #expect(body.count == 2)
    }

    @Test func reportsEachKindOfBadBody() {
        #expect(error(request(#"{"name":"a"}"#, type: "text/plain"))?.code == "UNSUPPORTED_MEDIA_TYPE")
        #expect(error(request(#"{"name":"#))?.code == "MALFORMED_JSON")
        #expect(error(request(""))?.code == "MALFORMED_JSON")
        #expect(error(HTTPRequest(method: "POST", rawPath: "/", headers: HTTPHeaders([("Content-Type", "application/json")]),
                                  body: [0x7B, 0xFF, 0x7D]))?.code == "INVALID_UTF8")
        let unknown = error(request(#"{"name":"a","admin":true}"#))
        #expect(unknown?.code == "VALIDATION_ERROR")
        #expect(unknown?.errors == ["admin": "unknown field"])
        let missing = error(request(#"{"count":1}"#))
        #expect(missing?.errors == ["name": "is required"])
        let mistyped = error(request(#"{"name":5}"#))
        #expect(mistyped?.errors == ["name": "must be a string"])
        #expect(error(request("[1,2]"))?.errors == ["body": "must be a JSON object"])
    }

    @Test func errorEnvelopeCarriesHeaders() {
        let response = HTTPResponse.error(.methodNotAllowed(allowed: ["GET", "HEAD"]), requestID: "r1")
        #expect(response.status.code == 405)
        #expect(response.headers["Allow"] == "GET, HEAD")
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains(#""error_code":"METHOD_NOT_ALLOWED""#))
        #expect(text.contains(#""success":false"#))
    }
}
