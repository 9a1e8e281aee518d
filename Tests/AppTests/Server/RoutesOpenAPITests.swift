import Testing
@testable import App
@testable import Web

@Suite struct RoutesOpenAPITests {
    /// Every route the router has is in the OpenAPI document, and the document has nothing else.
    @Test func documentPathsAreExactlyTheRoutes() throws {
        let routes = Set(Routes.make().routes.map { "\($0.method) \($0.pattern)" })
        guard case .object(let root) = OpenAPIDocument.make(serverURL: "http://x"),
              case .object(let paths)? = root["paths"] else {
            Issue.record("document has no paths object"); return
        }
        var documented = Set<String>()
        for (path, item) in paths {
            guard case .object(let operations) = item else { continue }
            for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
        }
        #expect(documented == routes, "only in document: \(documented.subtracting(routes)); only in router: \(routes.subtracting(documented))")
    }

    /// The short list `GET /` shows names only endpoints that exist.
    @Test func rootListsOnlyRealEndpoints() {
        let routes = Set(Routes.make().routes.map { "\($0.method) \($0.pattern)" })
        for endpoint in RootHandler.endpoints.keys {
            #expect(routes.contains(endpoint), "GET / lists \(endpoint), which is not a route")
        }
    }

    @Test func everyOperationDocumentsItsErrors() throws {
        guard case .object(let root) = OpenAPIDocument.make(serverURL: "http://x"), case .object(let paths)? = root["paths"] else {
            Issue.record("no paths"); return
        }
        for (path, item) in paths {
            guard case .object(let operations) = item else { continue }
            for (method, operation) in operations {
                guard case .object(let op) = operation, case .object(let responses)? = op["responses"] else {
                    Issue.record("\(method) \(path) has no responses"); continue
                }
                #expect(responses.keys.contains { $0.hasPrefix("4") || $0.hasPrefix("5") }, "\(method) \(path) lists no error response")
                if path.hasPrefix("/api/") && !OpenAPIDocument.publicAPIPaths.contains(path) {
                    #expect(responses["401"] != nil, "\(method) \(path) needs a 401")
                    #expect(op["security"] != nil, "\(method) \(path) needs security")
                }
            }
        }
    }
}
