import Testing
@testable import Web

/// Groups put their prefix on routes and run their middleware around them, in the order added; a middleware
/// that hands on another context changes what the handlers behind it receive.
@Suite struct RouterGroupTests {
    final class Trace: @unchecked Sendable { // used from one test's thread only
        var steps: [String] = []
    }

    struct Step: Middleware {
        let name: String
        func handle(_ request: HTTPRequest, context: Trace, next: Responder<Trace>) throws -> HTTPResponse {
            context.steps.append(">\(name)")
            let response = try next(request, context)
            context.steps.append("<\(name)")
            return response
        }
    }

    struct Signed: Sendable { var trace: Trace; var user: String }

    /// Refuses requests without `X-User`; hands on the user as a value.
    struct SignIn: Middleware {
        func handle(_ request: HTTPRequest, context: Trace, next: Responder<Signed>) throws -> HTTPResponse {
            guard let user = request.headers["X-User"] else { throw APIError.unauthorized }
            return try next(request, Signed(trace: context, user: user))
        }
    }

    func run(_ router: Router<Responder<Trace>>, _ method: String, _ path: String,
             headers: [(String, String)] = []) throws -> (HTTPResponse, [String]) {
        let trace = Trace()
        guard case .found(let route, _) = try router.match(method: method, rawPath: path) else {
            Issue.record("no route for \(method) \(path)"); return (HTTPResponse(status: .notFound), [])
        }
        let response = try route.handler(HTTPRequest(method: method, rawPath: path, headers: HTTPHeaders(headers)), trace)
        return (response, trace.steps)
    }

    @Test func prefixesAndMiddlewareOrder() throws {
        let table = RouteTable<Trace>()
        table.group().get("/open") { _, trace in trace.steps.append("open"); return .text("open") }
        let api = table.group("/api").add(middleware: Step(name: "a")).add(middleware: Step(name: "b"))
        api.get("/x") { _, trace in trace.steps.append("x"); return .text("x") }
        api.group("/deeper").post("/y") { _, trace in trace.steps.append("y"); return .text("y") }

        #expect(try run(table.router, "GET", "/open").1 == ["open"])
        #expect(try run(table.router, "GET", "/api/x").1 == [">a", ">b", "x", "<b", "<a"])
        #expect(try run(table.router, "POST", "/api/deeper/y").1 == [">a", ">b", "y", "<b", "<a"])
        guard case .notFound = try table.router.match(method: "GET", rawPath: "/x") else { Issue.record("/x is not a route"); return }
    }

    @Test func middlewareAddedLaterDoesNotWrapEarlierRoutes() throws {
        let table = RouteTable<Trace>()
        let group = table.group("/g")
        group.get("/before") { _, trace in trace.steps.append("before"); return .text("") }
        group.add(middleware: Step(name: "late")).get("/after") { _, trace in trace.steps.append("after"); return .text("") }
        #expect(try run(table.router, "GET", "/g/before").1 == ["before"])
        #expect(try run(table.router, "GET", "/g/after").1 == [">late", "after", "<late"])
    }

    @Test func contextChangingMiddlewareHandsTheUserOn() throws {
        let table = RouteTable<Trace>()
        table.group("/me").add(middleware: Step(name: "outer")).add(middleware: SignIn())
            .get("") { _, signed in signed.trace.steps.append("user=\(signed.user)"); return .text(signed.user) }
        let (response, steps) = try run(table.router, "GET", "/me", headers: [("X-User", "mina")])
        #expect(response.body == Array("mina".utf8))
        #expect(steps == [">outer", "user=mina", "<outer"])
        #expect(throws: APIError.self) { try run(table.router, "GET", "/me") }
    }

    @Test func editedErrorsKeepTheirAnswerAndAddHeaders() {
        let edited = EditedHTTPError(APIError.validation(["url": "is required"]), adding: [("RateLimit-Limit", "10")],
                                     fallback: .internalError)
        #expect(edited.apiError.status == .unprocessableEntity)
        #expect(edited.apiError.errors == ["url": "is required"])
        #expect(edited.apiError.headers.contains { $0 == ("RateLimit-Limit", "10") })
        struct Unknown: Error {}
        let unknown = EditedHTTPError(Unknown(), adding: [("RateLimit-Limit", "10")], fallback: .internalError)
        #expect(unknown.apiError.code == "INTERNAL_ERROR")
        #expect(unknown.apiError.headers.contains { $0 == ("RateLimit-Limit", "10") })
    }
}
