import Testing
import TestSupport
@testable import App

/// Errors from the router and the middleware chain are the one envelope, in-process as through nginx.
@Suite(.needsStack)
struct ErrorAnswerTests {
    @Test(arguments: TestingSetup.allCases)
    func unknownPathsAndWrongMethods(_ setup: TestingSetup) throws {
        let app = TestApplication(setup)
        try app.execute("GET", "/api/nothing-here").expectEnvelope(404, "NOT_FOUND")
        let wrong = try app.execute("PUT", "/api/me")
        wrong.expectEnvelope(405, "METHOD_NOT_ALLOWED")
        #expect(wrong.header("Allow") == "GET, HEAD")
        try app.execute("GET", "/api/status/%2E%2E").expectEnvelope(400, "INVALID_PATH_PARAMETER")
    }

    @Test(arguments: TestingSetup.allCases)
    func headHasTheGetsHeadersAndNoBody(_ setup: TestingSetup) throws {
        let app = TestApplication(setup)
        let get = try app.execute("GET", "/api/me")
        let head = try app.execute("HEAD", "/api/me")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("Content-Length") == "\(get.body.count)")
    }
}
