import Foundation
import Instagram
import TestSupport
import Testing
@testable import App

/// The authorize and callback endpoints in-process, and the state that binds a login to an API user.
@Suite(.needsStack)
struct ConnectedAccountHandlerTests {
    let app = TestApplication(.router)

    @Test func authorizeAnswersAConsentURLWithASealedStateOfTheUser() throws {
        let key = try app.newKey()
        let answer = try app.execute("POST", "/api/sns/instagram/oauth/authorize", key: key, json: #"{"flavour":"instagram"}"#)
        #expect(answer.status == 200, "\(answer.text)")
        let url = try #require(answer.json["auth_url"] as? String)
        #expect(url.hasPrefix(app.context.configuration.graph.hostBase + "www.instagram.com/oauth/authorize?client_id="))
        #expect(url.contains("response_type=code") && url.contains("instagram_business_basic"))
        let state = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "state" }?.value)
        let opened = try #require(OAuthState.open(state, with: try app.context.services.secretBox()))
        let user = try #require(try APIKeyStore(db: app.context.database()).authenticate(key: key))
        #expect(opened.flavour == .instagram && opened.userID == user.id)
        let viaGet = try app.execute("GET", "/api/sns/instagram/oauth/authorize?flavour=facebook", key: key)
        #expect((viaGet.json["auth_url"] as? String)?.contains("www.facebook.com/v") == true)
    }

    @Test func authorizeNamesABadFlavourAndUnknownFields() throws {
        try app.execute("POST", "/api/sns/instagram/oauth/authorize", json: #"{"flavour":"myspace"}"#).expectEnvelope(422, "VALIDATION_ERROR")
        let unknown = try app.execute("POST", "/api/sns/instagram/oauth/authorize", json: #"{"flavor":"instagram"}"#)
        unknown.expectEnvelope(422, "VALIDATION_ERROR")
        #expect((unknown.json["errors"] as? [String: Any])?["flavor"] != nil)
        try app.execute("GET", "/api/sns/instagram/oauth/authorize", key: nil).expectEnvelope(401, "UNAUTHORIZED")
    }

    @Test func callbackWithoutAValidStateIsAPageOrTheEnvelope() throws {
        let page = try app.execute("GET", "/api/sns/instagram/callback?code=abc&state=bm90LW91cnM", key: nil)
        #expect(page.status == 400 && page.text.contains("INVALID_STATE") && page.header("Content-Type")?.hasPrefix("text/html") == true)
        try app.execute("GET", "/api/sns/instagram/callback?code=abc", key: nil, headers: [("Accept", "application/json")])
            .expectEnvelope(400, "INVALID_STATE")
    }

    @Test func stateOpensOnlyAsSealed() throws {
        let box = try SecretBox(key: Array(repeating: 7, count: 32))
        let state = OAuthState.make(userID: 42, flavour: .facebook, ttl: 60)
        let text = state.sealed(with: box)
        #expect(OAuthState.open(text, with: box) == state)
        #expect(OAuthState.open(String(text.dropLast(3)) + "AAA", with: box) == nil)
        #expect(OAuthState.open(text, with: try SecretBox(key: Array(repeating: 8, count: 32))) == nil)
        #expect(OAuthState.open("", with: box) == nil)
    }

    @Test func graphSettingsReadTheEnvironment() {
        let configuration = AppConfiguration(environment: [
            "INSTAGATE_HOME": "/srv/ig", "INSTAGATE_PUBLIC_URL": "https://ig.example", "INSTAGATE_GRAPH_FLAVOUR": "facebook",
            "INSTAGATE_INSTAGRAM_APP_ID": "123", "INSTAGATE_GRAPH_API_VERSION": "v25.0"])
        let graph = configuration.graph
        #expect(graph.defaultFlavour == .facebook && graph.redirectURI == "https://ig.example/api/sns/instagram/callback")
        #expect(graph.instagramAppSecretFile == "/srv/ig/instagram-app.secret" && graph.version == "v25.0")
        #expect(graph.enabledFlavours == [.instagram] && configuration.problems.isEmpty)
        let bad = AppConfiguration(environment: ["INSTAGATE_GRAPH_FLAVOUR": "myspace", "INSTAGATE_GRAPH_API_VERSION": "24"])
        #expect(bad.problems.count == 2 && bad.problems.contains { $0.hasPrefix("INSTAGATE_GRAPH_FLAVOUR=myspace") })
        #expect(throws: GraphConfigurationError.self) { try bad.graph.app(.facebook) }
    }
}
