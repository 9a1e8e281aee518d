import Foundation
import HTTPClient
import Testing

/// CORS as the earlier downloader had it (issue 12), done by nginx: the stack of deploy/test allows one origin
/// (`INSTAGATE_CORS_ORIGINS=https://app.example.test`). A preflight from it is answered by nginx (204 with the
/// methods and headers, the responder never sees it), the answers carry `Access-Control-Allow-Origin` for it;
/// another origin gets no CORS header and its preflight goes to the responder (405).
@Suite(.threaded, .needsStack)
struct CorsTests {
    let http = TestHTTP()
    let allowed = ProcessInfo.processInfo.environment["INSTAGATE_CORS_ORIGINS"]?
        .split(whereSeparator: { $0 == " " || $0 == "," }).first.map(String.init) ?? ""

    @Test func preflightFromAnAllowedOriginIsAnsweredByNginx() throws {
        try #require(!allowed.isEmpty, "deploy/test sets INSTAGATE_CORS_ORIGINS")
        let answer = try http.send("OPTIONS", "/api/download", key: nil, headers: [
            ("Origin", allowed), ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "authorization, content-type")])
        #expect(answer.status == 204, "\(answer.status) \(answer.text.prefix(200))")
        #expect(answer.header("Access-Control-Allow-Origin") == allowed)
        #expect(answer.header("Access-Control-Allow-Methods")?.contains("POST") == true)
        let headers = answer.header("Access-Control-Allow-Headers")?.lowercased() ?? ""
        #expect(headers.contains("authorization") && headers.contains("content-type"), "\(headers)")
        #expect(headers.contains("idempotency-key") && answer.header("Access-Control-Allow-Methods")?.contains("PATCH") == true,
                "a browser may send a post's Idempotency-Key and move a scheduled post")
        #expect(answer.header("Access-Control-Max-Age") != nil)
        #expect(answer.header("X-Request-ID") == nil, "nginx answered, not the responder")
    }

    @Test func answersCarryTheAllowedOrigin() throws {
        try #require(!allowed.isEmpty, "deploy/test sets INSTAGATE_CORS_ORIGINS")
        let me = try http.get("/api/me", headers: [("Origin", allowed)])
        #expect(me.status == 200)
        #expect(me.header("Access-Control-Allow-Origin") == allowed)
        #expect(me.header("Vary")?.contains("Origin") == true)
        #expect(me.header("Access-Control-Expose-Headers")?.contains("X-Request-ID") == true)
        let refused = try http.get("/api/me", key: nil, headers: [("Origin", allowed)])
        #expect(refused.status == 401)
        #expect(refused.header("Access-Control-Allow-Origin") == allowed, "errors are readable by the page too")
    }

    @Test func anotherOriginGetsNoCORSHeaders() throws {
        let other = "https://elsewhere.example"
        let me = try http.get("/api/me", headers: [("Origin", other)])
        #expect(me.status == 200)
        #expect(me.header("Access-Control-Allow-Origin") == nil)
        let preflight = try http.send("OPTIONS", "/api/download", key: nil, headers: [
            ("Origin", other), ("Access-Control-Request-Method", "POST")])
        #expect(preflight.status == 405, "not a preflight nginx answers: \(preflight.status)")
        #expect(preflight.header("Access-Control-Allow-Origin") == nil)
    }
}
