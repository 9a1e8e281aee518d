import Foundation
import HTTPClient
import Instagram
import Logging
import Testing
@testable import App

/// A profile's next page of posts asked on a thread of its own (`PostsPageAhead`), against the sandbox `deploy/test`
/// runs: its answer is the page asked directly, taken once, and only by a run asking the same page.
@Suite(.needsSandbox)
struct PostsPageAheadTests {
    let clients: InstagramClients
    let session: InstagramSession
    let logger = Logger(label: "test")

    /// Clients of the sandbox, and an unlimited session of a world user (no rate limit of other tests in the way).
    init() throws {
        let sandbox = ProcessInfo.processInfo.environment["INSTAGATE_TEST_SANDBOX_URL"].map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? ""
        clients = InstagramClients(AppConfiguration(environment: ["INSTAGATE_INSTAGRAM_WEB_URL": sandbox,
                                                                  "INSTAGATE_INSTAGRAM_API_URL": sandbox]))
        let admin = HTTPClient(configuration: HTTPClientConfiguration(maxRetries: 0))
        let created = try admin.send(HTTPClientRequest(method: "POST", url: sandbox + "/__sandbox/sessions",
                                                       headers: [("Content-Type", "application/json")],
                                                       body: Array(#"{"username":"seoul.traveler","unlimited":true}"#.utf8)))
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(created.body)) as? [String: Any])
        session = InstagramSession(sessionID: try #require(fields["sessionid_cookie"] as? String),
                                   csrfToken: try #require(fields["csrftoken"] as? String))
    }

    @Test func thePageAskedAheadIsThePageAskedDirectlyAndIsTakenOnce() throws {
        let direct = clients.api(logger: logger, pacer: nil)
        let first = try direct.profilePostsPage(username: "seoul.traveler", after: nil, session: session)
        let cursor = try #require(first.posts.first?.mediaID)
        let expected = try direct.profilePostsPage(username: "seoul.traveler", after: cursor, session: session)
        #expect(!expected.posts.isEmpty, "seoul.traveler has more than one post")

        let ahead = PostsPageAhead(clients: clients, logger: logger)
        defer { ahead.close() }
        let key = PostsPageAhead.Key(username: "seoul.traveler", cursor: cursor, session: session)
        ahead.ask(key)
        #expect(ahead.take(PostsPageAhead.Key(username: "mina.cooks", cursor: cursor, session: session)) == nil,
                "another profile's page is not this one")
        #expect(ahead.take(PostsPageAhead.Key(username: "seoul.traveler", cursor: cursor, session: nil)) == nil,
                "nor the same page asked without the session")
        let page = try #require(ahead.take(key)).get()
        #expect(page.posts.map(\.shortcode) == expected.posts.map(\.shortcode))
        #expect(page.nextCursor == expected.nextCursor)
        #expect(ahead.take(key) == nil, "an answer is taken once: the caller asks again itself")
    }

    @Test func aFailedPageIsTheCallersToRead() throws {
        let ahead = PostsPageAhead(clients: clients, logger: logger)
        defer { ahead.close() }
        let key = PostsPageAhead.Key(username: "seoul.traveler", cursor: "1234567890_0", session: session) // never issued
        let direct = Result { () throws(InstagramError) -> ProfileFeedPage in
            try clients.api(logger: logger, pacer: nil).profilePostsPage(username: key.username, after: key.cursor, session: session)
        }
        ahead.ask(key)
        let taken = try #require(ahead.take(key))
        guard case .failure(let expected) = direct, case .failure(let error) = taken else {
            Issue.record("a cursor never issued is an error: \(direct), \(taken)")
            return
        }
        #expect(error.code == expected.code)
    }

    @Test func closingWhileNothingIsAskedReturns() {
        let ahead = PostsPageAhead(clients: clients, logger: logger)
        ahead.close()
        #expect(ahead.take(PostsPageAhead.Key(username: "seoul.traveler", cursor: "x", session: nil)) == nil)
    }
}
