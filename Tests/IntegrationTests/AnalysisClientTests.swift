import Foundation
import HTTPClient
import Instagram
import Logging
import Testing

/// The Instagram client the worker uses, against the sandbox behind nginx: a logged-out session's 302 to the
/// login page is `INVALID_SESSION` and a checkpointed one is `CHALLENGE_REQUIRED`, whatever the call.
@Suite(.threaded, .needsSandbox)
struct AnalysisClientTests {
    let sandbox = SandboxTestClient()

    func client() -> InstagramWebClient {
        let configuration = InstagramClientConfiguration(webBaseURL: sandbox.base, apiBaseURL: sandbox.base)
        return InstagramWebClient(configuration: configuration,
                                  http: InstagramWebClient.makeHTTPClient(configuration: configuration, maxRetries: 0),
                                  logger: Logger(label: "test"))
    }

    func session(_ username: String, state: String) throws -> InstagramSession {
        let created = try sandbox.admin("POST", "/__sandbox/sessions", #"{"username":"\#(username)","state":"\#(state)","unlimited":true}"#)
        return InstagramSession(sessionID: created["sessionid_cookie"] as? String ?? "", csrfToken: created["csrftoken"] as? String ?? "")
    }

    func code(_ call: () throws(InstagramError) -> Void) -> InstagramError.Code? {
        do { try call(); return nil } catch { return error.code }
    }

    @Test func loggedOutSessionIsInvalidSession() throws {
        let expired = try session("sandbox.user", state: "expired")
        let client = client()
        // What Instagram answers: a 302 to /accounts/login/?next=… (the sandbox does the same).
        #expect(try sandbox.status("/api/v1/accounts/current_user/?edit=true",
                                   headers: [("Cookie", expired.cookieHeader), ("X-IG-App-ID", "936619743392459")]) == 302)
        #expect(code { () throws(InstagramError) in _ = try client.currentUser(session: expired) } == .invalidSession)
        #expect(code { () throws(InstagramError) in
            _ = try client.friendshipPage(.followers, of: "7419826350", maxID: nil, session: expired)
        } == .invalidSession)
    }

    @Test func checkpointedSessionIsChallengeRequired() throws {
        let checkpointed = try session("sandbox.user", state: "checkpoint")
        let client = client()
        #expect(code { () throws(InstagramError) in _ = try client.currentUser(session: checkpointed) } == .challengeRequired)
        #expect(code { () throws(InstagramError) in
            _ = try client.friendshipCounts(username: "mina.kim", session: checkpointed)
        } == .challengeRequired)
    }

    @Test func validSessionReadsItsOwner() throws {
        let valid = try session("sandbox.user", state: "valid")
        #expect(try client().currentUser(session: valid).username == "sandbox.user")
    }
}
