import Logging
import Web
@testable import InstagramSandbox

/// A sandbox over the default world with a fixed clock, answering in-process.
struct TestSandbox {
    static let now: Double = 1_750_000_000
    static let sessionCookie = "sessionid=7419826350%3AsB7xK2mQ9pLrT4%3A21%3AAYdXq0fV3nS8kLz1Hc2PwRt6YuJm9bEo4gNiAaQ; csrftoken=sbxCsrf7419826350aaaaaaaaaaaaaaa"
    static let csrf = "sbxCsrf7419826350aaaaaaaaaaaaaaa"
    static let minaCookie = "sessionid=3519276402%3AmK4nP8qR2sT6vW%3A18%3AAYfMina0kLz1Hc2PwRt6YuJm9bEo4gNiAaQxYz; csrftoken=sbxCsrf3519276402bbbbbbbbbbbbbbb"
    static let world: World = {
        do { return try WorldLoader.load(directory: WorldLoader.defaultWorldDirectory) } catch { fatalError("\(error)") }
    }()

    let sandbox: Sandbox

    init(admin: Bool = true) {
        sandbox = Sandbox(world: TestSandbox.world,
                          configuration: SandboxConfiguration(publicURL: "http://sandbox.test", filesDirectory: "/tmp/sbx-test-files",
                                                              adminEnabled: admin, clock: { TestSandbox.now }),
                          logger: Logger(label: "test"))
    }

    /// Sends a request; `cookie` and headers as given, the web app id unless `appID` is nil.
    func send(_ method: String = "GET", _ target: String, cookie: String? = nil, headers: [(String, String)] = [],
              body: String = "", appID: String? = "936619743392459", client: String = "10.0.0.1") -> HTTPResponse {
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        var fields = headers
        if let cookie { fields.append(("Cookie", cookie)) }
        if let appID { fields.append(("X-IG-App-ID", appID)) }
        if !body.isEmpty { fields.append(("Content-Type", "application/x-www-form-urlencoded")) }
        let request = HTTPRequest(method: method, rawPath: parts[0], rawQuery: parts.count > 1 ? parts[1] : "",
                                  headers: HTTPHeaders(fields), body: Array(body.utf8), remoteAddress: client)
        return sandbox.respond(to: request)
    }

    /// As `send`, with the sandbox user's session and CSRF header.
    func logged(_ method: String = "GET", _ target: String, body: String = "", headers: [(String, String)] = []) -> HTTPResponse {
        send(method, target, cookie: TestSandbox.sessionCookie, headers: headers + [("X-CSRFToken", TestSandbox.csrf)], body: body)
    }

    func post(_ key: String) -> SandboxPost { TestSandbox.world.post(key: key)! }
}

extension HTTPResponse {
    /// The body as a JSON object (empty when it is not one).
    var object: [String: Any] { JSONInput.object(body) ?? [:] }
    var text: String { String(decoding: body, as: UTF8.self) }
}
