import Foundation
import Testing
import Web
@testable import InstagramSandbox

/// Both logins end to end on the sandbox's Graph hosts: consent page, code, tokens, refresh rules, revocation.
struct GraphOAuthTests {
    let graph = GraphTestClient()

    @Test func consentPageIsAFormWithBothButtons() {
        let page = graph.send(host: "www.instagram.com", "/oauth/authorize?client_id=990011223344556&redirect_uri=\(PercentDecoding.encode(GraphTestClient.redirect))&response_type=code&scope=instagram_business_basic&state=abc")
        #expect(page.status.code == 200 && page.headers["Content-Type"]?.hasPrefix("text/html") == true)
        #expect(page.text.contains("<form method=\"post\"") && page.text.contains("id=\"allow\"") && page.text.contains("id=\"deny\""))
        #expect(page.text.contains("@bigstar") && page.text.contains("name=\"state\" value=\"abc\""))
        let wrongApp = graph.send(host: "www.instagram.com", "/oauth/authorize?client_id=1122334455667788&redirect_uri=\(PercentDecoding.encode(GraphTestClient.redirect))&response_type=code&scope=x")
        #expect(wrongApp.status.code == 400 && wrongApp.text.contains("Invalid platform app"))
        let wrongURI = graph.send(host: "www.instagram.com", "/oauth/authorize?client_id=990011223344556&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&response_type=code&scope=x")
        #expect(wrongURI.status.code == 400 && wrongURI.headers["Location"] == nil)
    }

    @Test func denialRedirectsWithAccessDenied() {
        let items = graph.decide("deny", state: "s1")
        #expect(items["error"] == "access_denied" && items["error_reason"] == "user_denied" && items["state"] == "s1")
        #expect(items["code"] == nil)
    }

    @Test func instagramCodeIsSingleUseAndBoundToItsRedirectURI() throws {
        let allowed = graph.decide("allow", state: "s2")
        let code = try #require(allowed["code"])
        #expect(allowed["state"] == "s2" && allowed["location"]?.hasSuffix("#_") == true)
        #expect(graph.exchangeInstagram(code: code, redirect: "http://127.0.0.1:8080/other").object["error_message"] as? String
                == "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request.")
        let first = graph.exchangeInstagram(code: code)
        let entry = try #require((first.object["data"] as? [[String: Any]])?.first)
        #expect((entry["access_token"] as? String)?.hasPrefix("IGAA") == true)
        #expect(first.text.contains("\"user_id\":17841400\(String(format: "%09d", 2_034_567_890 % 1_000_000_000))"))
        let again = graph.exchangeInstagram(code: code)
        #expect(again.status.code == 400 && again.object["error_message"] as? String == "Matching code was not found or was already used")
        #expect(again.object["error_type"] as? String == "OAuthException")
    }

    @Test func codeExchangeAnswersTheFlatShapeWhenSwitched() throws {
        _ = graph.admin("POST", "/__sandbox/graph/limits", #"{"flat_token_shape": true}"#)
        let answer = graph.exchangeInstagram(code: try #require(graph.decide("allow")["code"]))
        #expect((answer.object["access_token"] as? String)?.hasPrefix("IGAA") == true && answer.object["data"] == nil)
        #expect(answer.object["permissions"] as? String == "instagram_business_basic,instagram_business_manage_insights")
    }

    @Test func codeExpiresAfterAnHour() throws {
        let code = try #require(graph.decide("allow")["code"])
        graph.advance(3601)
        #expect(graph.exchangeInstagram(code: code).status.code == 400)
    }

    @Test func longLivedTokenRefreshRulesAndExpiry() throws {
        let long = graph.instagramLongToken()
        #expect(long.hasPrefix("IGAA"))
        let early = graph.send(host: "graph.instagram.com", "/refresh_access_token?grant_type=ig_refresh_token", token: long)
        #expect(early.status.code == 400 && early.graphCode == 100)
        graph.advance(25 * 3600)
        let refreshed = graph.send(host: "graph.instagram.com", "/refresh_access_token?grant_type=ig_refresh_token", token: long)
        let fresh = try #require(refreshed.object["access_token"] as? String)
        #expect(fresh != long && (refreshed.object["expires_in"] as? NSNumber)?.intValue == 60 * 86_400)
        graph.advance(59 * 86_400)
        let expired = graph.send(host: "graph.instagram.com", "/v24.0/me", token: long)
        #expect(expired.status.code == 400 && expired.graphCode == 190 && expired.graphSubcode == 463)
        #expect(graph.send(host: "graph.instagram.com", "/v24.0/me", token: fresh).status.code == 200)
        let late = graph.send(host: "graph.instagram.com", "/refresh_access_token?grant_type=ig_refresh_token", token: long)
        #expect(late.graphCode == 190 && late.graphSubcode == 463)
    }

    @Test func revokedTokenIs458AndWrongHostCannotParse() {
        let long = graph.instagramLongToken()
        let wrongHost = graph.send(host: "graph.facebook.com", "/v24.0/me", token: long)
        #expect(wrongHost.graphCode == 190 && wrongHost.graphError["message"] as? String == "Invalid OAuth access token - Cannot parse access token")
        _ = graph.admin("POST", "/__sandbox/graph/revoke", #"{"username":"bigstar"}"#)
        let revoked = graph.send(host: "graph.instagram.com", "/v24.0/me", token: long)
        #expect(revoked.graphCode == 190 && revoked.graphSubcode == 458)
        #expect(graph.send(host: "graph.instagram.com", "/v24.0/me").graphCode == 2500)
    }

    @Test func facebookLoginFindsTheInstagramAccountThroughThePage() throws {
        let code = try #require(graph.decide("allow", flavour: "facebook", account: "seoul.traveler")["code"])
        let short = graph.send(host: "graph.facebook.com", "/v24.0/oauth/access_token?client_id=\(GraphTestClient.facebookApp.id)&client_secret=\(GraphTestClient.facebookApp.secret)&redirect_uri=\(PercentDecoding.encode(GraphTestClient.redirect))&code=\(code)")
        let shortToken = try #require(short.object["access_token"] as? String)
        #expect(shortToken.hasPrefix("EAA"))
        let reused = graph.send(host: "graph.facebook.com", "/v24.0/oauth/access_token?client_id=\(GraphTestClient.facebookApp.id)&client_secret=\(GraphTestClient.facebookApp.secret)&redirect_uri=\(PercentDecoding.encode(GraphTestClient.redirect))&code=\(code)")
        #expect(reused.graphCode == 100 && reused.graphSubcode == 36009)
        let long = graph.send(host: "graph.facebook.com", "/v24.0/oauth/access_token?grant_type=fb_exchange_token&client_id=\(GraphTestClient.facebookApp.id)&client_secret=\(GraphTestClient.facebookApp.secret)&fb_exchange_token=\(shortToken)")
        let token = try #require(long.object["access_token"] as? String)
        let pages = graph.send(host: "graph.facebook.com", "/v24.0/me/accounts?fields=id,name,instagram_business_account{id,username}", token: token)
        let page = try #require((pages.object["data"] as? [[String: Any]])?.first)
        let linked = try #require(page["instagram_business_account"] as? [String: Any])
        #expect(linked["username"] as? String == "seoul.traveler")
        let id = try #require(linked["id"] as? String)
        let user = graph.send(host: "graph.facebook.com", "/v24.0/\(id)?fields=id,username,followers_count,media_count,biography", token: token)
        #expect(user.object["username"] as? String == "seoul.traveler" && user.object["id"] as? String == id)
        #expect((user.object["media_count"] as? NSNumber)?.intValue == TestSandbox.world.mediaCount(4_820_017_301))
        #expect(graph.send("DELETE", host: "graph.facebook.com", "/v24.0/me/permissions", token: token).object["success"] as? Bool == true)
        #expect(graph.send(host: "graph.facebook.com", "/v24.0/me", token: token).graphSubcode == 458)
    }
}
