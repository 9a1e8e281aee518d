import Foundation
import Testing
import Web
@testable import InstagramSandbox

/// `/me`, IG User fields, media paging, the error envelope, usage headers, limits and faults.
struct GraphNodeTests {
    let graph = GraphTestClient()

    @Test func meHasTheIGUserFields() throws {
        let token = graph.instagramLongToken(account: "seoul.traveler")
        let me = graph.send(host: "graph.instagram.com", "/v24.0/me?fields=user_id,username,account_type,followers_count,follows_count,media_count,website", token: token)
        #expect(me.status.code == 200)
        #expect(me.object["username"] as? String == "seoul.traveler" && me.object["account_type"] as? String == "BUSINESS")
        #expect((me.object["media_count"] as? NSNumber)?.intValue == TestSandbox.world.mediaCount(4_820_017_301))
        #expect(me.text.contains("\"user_id\":17841400820017301"))
        let unknown = graph.send(host: "graph.instagram.com", "/me?fields=username,foo", token: token)
        #expect(unknown.status.code == 400 && unknown.graphCode == 100 && unknown.graphError["message"] as? String == "(#100) Tried accessing nonexisting field (foo)")
        #expect(unknown.graphError["fbtrace_id"] as? String != nil)
    }

    @Test func mediaPagesWithCursorsUntilNextIsMissing() throws {
        let token = graph.instagramLongToken(account: "seoul.traveler")
        let id = "17841400820017301"
        var seen: [String] = []
        var target = "/v24.0/\(id)/media?fields=id,media_type,permalink,children{id,media_type}&limit=4"
        var pages = 0
        while pages < 10 {
            let page = graph.send(host: "graph.instagram.com", target, token: token)
            #expect(page.status.code == 200, "\(page.text)")
            let data = try #require(page.object["data"] as? [[String: Any]])
            seen += data.compactMap { $0["id"] as? String }
            pages += 1
            guard let paging = page.object["paging"] as? [String: Any], let next = paging["next"] as? String else { break }
            #expect(next.hasPrefix("https://graph.instagram.com/v24.0/\(id)/media?"))
            target = String(next.dropFirst("https://graph.instagram.com".count))
        }
        let expected = TestSandbox.world.timeline(ownerPK: 4_820_017_301).map { String($0.pk) }
        #expect(seen == expected && pages == (expected.count + 3) / 4)
        let carousel = graph.send(host: "graph.instagram.com", "/v24.0/\(id)/media?fields=media_type,children{media_type}&limit=100", token: token)
        #expect(carousel.text.contains("\"CAROUSEL_ALBUM\",\"children\":{\"data\":[{\"media_type\":\"IMAGE\"}"))
        #expect(graph.send(host: "graph.instagram.com", "/v24.0/\(id)/media?after=garbage", token: token).graphCode == 100)
        let other = graph.send(host: "graph.instagram.com", "/v24.0/17841400203456789/media", token: token)
        #expect(other.graphCode == 100 && other.graphSubcode == 33)
    }

    @Test func usageHeadersGrowAndTheLimitAnswersCode4() throws {
        let token = graph.instagramLongToken()
        _ = graph.admin("POST", "/__sandbox/graph/limits", #"{"app_calls_per_hour": 4}"#)
        let first = graph.send(host: "graph.instagram.com", "/me", token: token)
        let second = graph.send(host: "graph.instagram.com", "/me", token: token)
        let usage = { (answer: HTTPResponse) -> Int in
            let object = JSONInput.object(answer.headers["x-app-usage"] ?? "") ?? [:]
            return JSONInput.int(object["call_count"]) ?? -1
        }
        #expect(usage(first) == 25 && usage(second) == 50)
        #expect(second.headers["x-business-use-case-usage"]?.contains("\"type\":\"instagram\"") == true)
        _ = graph.send(host: "graph.instagram.com", "/me", token: token)
        _ = graph.send(host: "graph.instagram.com", "/me", token: token)
        let refused = graph.send(host: "graph.instagram.com", "/me", token: token)
        #expect(refused.graphCode == 4 && refused.graphError["is_transient"] as? Bool == true)
        _ = graph.admin("POST", "/__sandbox/graph/usage/reset", "{}")
        _ = graph.admin("POST", "/__sandbox/graph/limits", #"{"app_calls_per_hour": 4800, "force_code": 613, "force_count": 2}"#)
        #expect(graph.send(host: "graph.instagram.com", "/me", token: token).graphCode == 613)
        #expect(graph.send(host: "graph.instagram.com", "/me", token: token).graphCode == 613)
        #expect(graph.send(host: "graph.instagram.com", "/me", token: token).status.code == 200)
    }

    @Test func graphFaultsAnswerMetasEnvelopeAndStayOffTheWebAPI() {
        let token = graph.instagramLongToken()
        _ = graph.admin("POST", "/__sandbox/graph/faults", #"{"kind":"status","status":503,"path":"/me","count":1}"#)
        #expect(graph.sandbox.send("GET", "/api/v1/users/web_profile_info/?username=bigstar").status.code == 200)
        let fault = graph.send(host: "graph.instagram.com", "/v24.0/me", token: token)
        #expect(fault.status.code == 503 && fault.graphCode == 2 && fault.graphError["is_transient"] as? Bool == true)
        #expect(graph.send(host: "graph.instagram.com", "/v24.0/me", token: token).status.code == 200)
    }

    @Test func onePortServesEveryHostUnderAPrefix() throws {
        let token = graph.instagramLongToken(account: "seoul.traveler")
        let me = graph.sandbox.send("GET", "/__host/graph.instagram.com/v24.0/me?fields=username", headers: [("Authorization", "Bearer \(token)")], appID: nil)
        #expect(me.object["username"] as? String == "seoul.traveler")
        let page = graph.sandbox.send("GET", "/__host/graph.instagram.com/v24.0/me/media?limit=1", headers: [("Authorization", "Bearer \(token)")], appID: nil)
        let next = try #require((page.object["paging"] as? [String: Any])?["next"] as? String)
        #expect(next.hasPrefix("http://sandbox.test/__host/graph.instagram.com/v24.0/"))
    }
}
