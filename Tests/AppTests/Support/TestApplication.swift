import Foundation
import HTTPClient
import Logging
import Testing
@testable import App
@testable import Web

/// Runs the same request either in-process (`.router`: `Application.respond(to:)` called directly, with the
/// real PostgreSQL of `deploy/test` but no nginx, no FastCGI, no sockets) or through the live stack (`.live`:
/// nginx → responder), after HummingbirdTesting's `TestingSetup`. Handler tests use `.router` for speed and
/// run against `.live` too where the answer must be the same through nginx.
enum TestingSetup: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case router
    case live

    var testDescription: String { rawValue }
}

/// One answer, whichever way it came.
struct TestResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? { HTTPClientResponse.header(name, in: headers) }
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object (a recorded issue and an empty object if it is not one).
    var json: [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            Issue.record("body is not a JSON object: \(text.prefix(300))")
            return [:]
        }
        return object
    }

    /// Checks the error envelope: status, `success: false`, the code, a message, an `errors` object, the request id.
    func expectEnvelope(_ expected: Int, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status == expected, "status \(status), body \(text.prefix(300))", sourceLocation: sourceLocation)
        let object = json
        #expect(object["success"] as? Bool == false, sourceLocation: sourceLocation)
        #expect(object["error_code"] as? String == code, "body \(text.prefix(300))", sourceLocation: sourceLocation)
        #expect((object["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(object["errors"] is [String: Any], sourceLocation: sourceLocation)
        #expect(object["request_id"] as? String == header("X-Request-ID"), sourceLocation: sourceLocation)
    }
}

/// The application under test, configured like the stack `deploy/test` started (its `INSTAGATE_*` variables).
final class TestApplication {
    static let environment = ProcessInfo.processInfo.environment
    let setup: TestingSetup
    let app: Application
    let context: RequestContext
    let live = HTTPClient(configuration: HTTPClientConfiguration(requestTimeout: 30, maxResponseBytes: 16 << 20, maxRetries: 0,
                                                                 maxRedirects: 0, userAgent: "instagate-app-tests"))

    /// An application as the stack runs it; `configure` may change its configuration (`.router` only).
    init(_ setup: TestingSetup, startedAt: ContinuousClock.Instant = .now, configure: (inout AppConfiguration) -> Void = { _ in }) {
        self.setup = setup
        var configuration = AppConfiguration(environment: Self.environment)
        configuration.databaseURL = Self.environment["INSTAGATE_TEST_DATABASE_URL"] ?? configuration.databaseURL
        configure(&configuration)
        var logger = Logger(label: "app-tests")
        logger.logLevel = .critical
        app = Application(configuration: configuration, logger: logger, startedAt: startedAt)
        context = app.makeContext(thread: 0)
    }

    /// The key deploy/test made.
    static var apiKey: String { environment["INSTAGATE_TEST_API_KEY"] ?? "" }

    /// A key of a new API user, made in the database.
    func newKey() throws -> String {
        try APIKeyStore(db: context.database()).create(name: "app-test-\(UUID().uuidString.prefix(8))").key
    }

    /// Sends one request; `key` (default: deploy/test's) goes in `Authorization: Bearer`.
    func execute(_ method: String, _ path: String, key: String? = TestApplication.apiKey, headers: [(String, String)] = [],
                 json: String? = nil) throws -> TestResponse {
        var all = headers
        if let key { all.append(("Authorization", "Bearer \(key)")) }
        if json != nil { all.append(("Content-Type", "application/json")) }
        let body = json.map { Array($0.utf8) } ?? []
        switch setup {
        case .router:
            let (rawPath, rawQuery) = HTTPRequest.split(uri: path, fallbackQuery: nil)
            let request = HTTPRequest(method: method, rawPath: rawPath, rawQuery: rawQuery, headers: HTTPHeaders(all), body: body,
                                      remoteAddress: "127.0.0.1")
            let response = app.respond(to: request, context: context)
            return TestResponse(status: response.status.code, headers: response.headers.fields.map { ($0.name, $0.value) },
                                body: response.body)
        case .live:
            let base = Self.environment["INSTAGATE_TEST_BASE_URL"] ?? ""
            let response = try live.send(HTTPClientRequest(method: method, url: base + path, headers: all, body: json == nil ? nil : body))
            return TestResponse(status: response.status, headers: response.headers, body: response.body)
        }
    }
}
