import Foundation
import Testing
@testable import Instagram

/// Reading Meta's answers without I/O: error classification, the media list's shape, the consent URL.
struct GraphAPIClientTests {
    @Test func errorsAreClassifiedByCodeAndSubcode() {
        let expired = GraphAPIClient.error(status: 400, object: ["error": ["message": "Error validating access token", "type": "OAuthException", "code": 190, "error_subcode": 463]])
        #expect(expired.kind == .tokenInvalid && expired.isExpiredToken)
        for code in [4, 17, 32, 613, 80002] {
            #expect(GraphAPIClient.error(status: 400, object: ["error": ["code": code]]).kind == .rateLimited)
        }
        #expect(GraphAPIClient.error(status: 503, object: ["error": ["code": 2, "is_transient": true]]).kind == .transient)
        #expect(GraphAPIClient.error(status: 400, object: ["error": ["code": 100, "error_subcode": 36009]]).kind == .oauthRejected)
        #expect(GraphAPIClient.error(status: 400, object: ["error": ["code": 10]]).kind == .permission)
        let flat = GraphAPIClient.error(status: 400, object: ["error_type": "OAuthException", "code": 400, "error_message": "Matching code was not found or was already used"])
        #expect(flat.kind == .oauthRejected && flat.message == "Matching code was not found or was already used")
        #expect(GraphAPIClient.error(status: 502, object: nil).kind == .transient)
    }

    @Test func mediaDecodesChildrenFromMetasDataWrapper() throws {
        let text = #"{"id":"1","media_type":"CAROUSEL_ALBUM","like_count":3,"children":{"data":[{"id":"2","media_type":"IMAGE","media_url":"https://x/2.jpg"}]}}"#
        let media = try JSONDecoder().decode(GraphMedia.self, from: Data(text.utf8))
        #expect(media.children?.first?.mediaURL == "https://x/2.jpg" && media.likeCount == 3)
        let encoded = String(decoding: try JSONEncoder().encode(media), as: UTF8.self)
        #expect(encoded.contains(#""children":[{"#))
    }

    @Test func consentURLCarriesTheAppAndState() {
        let app = GraphAppConfiguration(flavour: .instagram, appID: "99", appSecret: "topsecret", redirectURI: "https://ig.example/cb")
        let url = app.authorizeURL(state: "a/b")
        #expect(url.hasPrefix("https://www.instagram.com/oauth/authorize?client_id=99&redirect_uri=https%3A%2F%2Fig.example%2Fcb"))
        #expect(url.contains("state=a%2Fb") && !url.contains("topsecret"))
        let facebook = GraphAppConfiguration(flavour: .facebook, appID: "7", appSecret: "s", redirectURI: "https://ig.example/cb", hostBase: "http://127.0.0.1:9/__host/")
        #expect(facebook.authorizeURL(state: "x").hasPrefix("http://127.0.0.1:9/__host/www.facebook.com/v24.0/dialog/oauth?"))
        #expect(facebook.codeExchangeURL == "http://127.0.0.1:9/__host/graph.facebook.com/v24.0/oauth/access_token")
    }
}
