import Foundation
import Testing

/// The public endpoints through the real nginx → responder → PostgreSQL.
@Suite(.threaded, .needsStack)
struct EndpointTests {
    let http = TestHTTP()

    @Test func healthReportsDatabaseAndRequestID() throws {
        let response = try http.get("/health", key: nil)
        #expect(response.status == 200)
        let body = response.json
        #expect(body["status"] as? String == "ok")
        #expect(body["database"] as? String == "ok")
        #expect((body["version"] as? String)?.isEmpty == false)
        let id = try #require(response.header("X-Request-ID"))
        #expect(id.count == 32 && id.allSatisfy(\.isHexDigit), "nginx's $request_id is passed through: \(id)")
        // The responder sizes its answers, so nginx passes the length on instead of chunking the body.
        #expect(response.header("Content-Length") == String(response.body.count))
        #expect(response.header("Transfer-Encoding") == nil)
    }

    @Test func eachRequestGetsItsOwnID() throws {
        let first = try http.get("/health", key: nil).header("X-Request-ID")
        let second = try http.get("/health", key: nil).header("X-Request-ID")
        #expect(first != nil && first != second)
    }

    @Test func rootDescribesTheService() throws {
        let body = try http.get("/", key: nil).json
        #expect(body["name"] as? String == "instagate")
        #expect((body["docs"] as? String)?.hasSuffix("/openapi.json") == true)
        #expect((body["endpoints"] as? [String: Any])?.isEmpty == false)
    }

    @Test func openAPIDocumentIsServed() throws {
        let response = try http.get("/openapi.json", key: nil)
        #expect(response.status == 200)
        let body = response.json
        #expect(body["openapi"] as? String == "3.1.0")
        let paths = try #require(body["paths"] as? [String: Any])
        #expect(paths["/health"] != nil && paths["/api/me"] != nil && paths["/api/keys/{id}"] != nil)
    }

    @Test func unknownPathIsEnvelope404() throws {
        try http.get("/no/such/thing", key: nil).expectEnvelope(status: 404, code: "NOT_FOUND")
        try http.get("/api/no-such-endpoint").expectEnvelope(status: 404, code: "NOT_FOUND")
    }

    @Test func wrongMethodIs405WithAllow() throws {
        let response = try http.send("DELETE", "/health", key: nil)
        response.expectEnvelope(status: 405, code: "METHOD_NOT_ALLOWED")
        #expect(response.header("Allow") == "GET, HEAD")
        let keys = try http.send("PUT", "/api/keys")
        keys.expectEnvelope(status: 405, code: "METHOD_NOT_ALLOWED")
        #expect(keys.header("Allow")?.contains("POST") == true)
    }

    @Test func headHasNoBody() throws {
        let response = try http.send("HEAD", "/health", key: nil)
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
    }

    @Test func metricsAreServedToLocalhost() throws {
        _ = try http.get("/health", key: nil)
        let response = try http.get("/metrics", key: nil)
        #expect(response.status == 200)
        #expect(response.text.contains("instagate_http_requests_total{"))
        #expect(response.text.contains(#"route="/health""#))
        #expect(response.text.contains("instagate_http_request_duration_seconds_bucket"))
        #expect(response.text.contains("instagate_threads_busy"))
        #expect(response.text.contains("instagate_database_errors_total"))
    }

    @Test func metricsAreRefusedToOtherAddresses() throws {
        // 127.0.0.2 is loopback but not 127.0.0.1: nginx's `allow 127.0.0.1; deny all;` refuses it.
        let response = try TestHTTP(from: "127.0.0.2").get("/metrics", key: nil)
        response.expectEnvelope(status: 403, code: "FORBIDDEN")
        #expect(!response.text.contains("instagate_http_requests_total"))
    }
}
