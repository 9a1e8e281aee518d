import Testing
@testable import Web

@Suite struct RouterTests {
    struct Context {}

    func router() -> Router<Context> {
        var router = Router<Context>()
        router.get("/health") { _, _ in .text("ok") }
        router.post("/api/analyze") { _, _ in .text("queued") }
        router.get("/api/status/{job_id}") { request, _ in .text(request.parameter("job_id") ?? "") }
        router.delete("/api/job/{job_id}") { _, _ in .text("gone") }
        return router
    }

    @Test func matchesLiteralAndParameterRoutes() throws {
        guard case .found(let route, let parameters) = try router().match(method: "GET", rawPath: "/api/status/abc123") else {
            Issue.record("no match"); return
        }
        #expect(route.pattern == "/api/status/{job_id}")
        #expect(parameters == ["job_id": "abc123"])
    }

    @Test func aLiteralRouteWinsOverAParameterRouteOfTheSameShape() throws {
        var router = router()
        router.get("/api/status/queue") { _, _ in .text("queue") }
        guard case .found(let route, let parameters) = try router.match(method: "GET", rawPath: "/api/status/queue") else {
            Issue.record("no match"); return
        }
        #expect(route.pattern == "/api/status/queue")
        #expect(parameters.isEmpty)
        guard case .found(let head, _) = try router.match(method: "HEAD", rawPath: "/health") else { Issue.record("HEAD"); return }
        #expect(head.pattern == "/health")
        guard case .methodNotAllowed(let allowed) = try router.match(method: "POST", rawPath: "/health") else {
            Issue.record("expected 405"); return
        }
        #expect(allowed == ["GET", "HEAD"])
    }

    @Test func unknownPathIsNotFound() throws {
        guard case .notFound = try router().match(method: "GET", rawPath: "/nope") else { Issue.record("expected 404"); return }
        guard case .notFound = try router().match(method: "GET", rawPath: "/api/status/a/b") else { Issue.record("expected 404"); return }
        guard case .notFound = try router().match(method: "GET", rawPath: "/api/status/") else { Issue.record("expected 404"); return }
    }

    @Test func wrongMethodListsAllowedMethods() throws {
        guard case .methodNotAllowed(let allowed) = try router().match(method: "GET", rawPath: "/api/analyze") else {
            Issue.record("expected 405"); return
        }
        #expect(allowed == ["POST"])
        guard case .methodNotAllowed(let allowed2) = try router().match(method: "POST", rawPath: "/health") else {
            Issue.record("expected 405"); return
        }
        #expect(allowed2 == ["GET", "HEAD"])
    }

    @Test func headFallsBackToGet() throws {
        guard case .found(let route, _) = try router().match(method: "HEAD", rawPath: "/health") else { Issue.record("no match"); return }
        #expect(route.method == "GET")
    }

    @Test(arguments: ["..", "%2E%2E", "a%2Fb", "%00x", "a%5Cb", "%ZZ", "%C3%28"])
    func rejectsTraversalAndBadEscapesInParameters(raw: String) {
        #expect(throws: APIError.self) { try router().match(method: "GET", rawPath: "/api/status/\(raw)") }
        do {
            _ = try router().match(method: "GET", rawPath: "/api/status/\(raw)")
        } catch {
            #expect(error.code == "INVALID_PATH_PARAMETER")
            #expect(error.status == .badRequest)
        }
    }

    @Test func decodesParameters() throws {
        guard case .found(_, let parameters) = try router().match(method: "GET", rawPath: "/api/status/%EC%97%AC%ED%96%89") else {
            Issue.record("no match"); return
        }
        #expect(parameters["job_id"] == "여행")
    }
}
