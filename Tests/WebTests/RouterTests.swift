import Testing
@testable import Web

@Suite struct RouterTests {
    /// The router is a matcher: each route holds a value, here the name of what would answer it.
    func router() -> Router<String> {
        var router = Router<String>()
        router.get("/health", "health")
        router.post("/api/analyze", "analyze")
        router.get("/api/status/{job_id}", "status")
        router.delete("/api/job/{job_id}", "delete")
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
        router.get("/api/status/queue", "queue")
        guard case .found(let route, let parameters) = try router.match(method: "GET", rawPath: "/api/status/queue") else {
            Issue.record("no match"); return
        }
        #expect(route.pattern == "/api/status/queue")
        #expect(route.handler == "queue")
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
