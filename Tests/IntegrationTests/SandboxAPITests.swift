import Foundation
import HTTPClient
import Testing

/// The sandbox's web API through nginx: posts, profiles, lists, actions and bad input.
@Suite(.threaded, .needsSandbox, .serialized)
struct SandboxAPITests {
    let sandbox = SandboxTestClient()

    @Test func startPageCarriesTokensAndCookies() throws {
        let page = try sandbox.send("GET", "/")
        #expect(page.status == 200)
        #expect(page.text.contains(" id=\"__eqmc\"") && page.text.contains("\"LSD\",[],{\"token\":\""))
        #expect(page.headers.contains { $0.0.lowercased() == "set-cookie" && $0.1.hasPrefix("csrftoken=") })
    }

    @Test func mediaInfoMatchesTheWorld() throws {
        let session = try sandbox.session("sandbox.user")
        let post = try sandbox.post("carousel-ten")
        let answer = try sandbox.send("GET", "/api/v1/media/\(post["pk"] as! String)/info/", headers: sandbox.web(session))
        #expect(answer.status == 200)
        let item = try #require((answer.sandboxJSON["items"] as? [[String: Any]])?.first)
        #expect(item["code"] as? String == post["shortcode"] as? String)
        #expect((item["carousel_media"] as? [Any])?.count == 10)
        #expect(answer.header("Content-Type")?.hasPrefix("application/json") == true)
    }

    @Test func docIDPostQueryWorksAnonymously() throws {
        let post = try sandbox.post("photo-gyeongbokgung")
        let variables = #"{"shortcode":"\#(post["shortcode"] as! String)"}"#
        let body = "doc_id=27128499623469141&server_timestamps=true&lsd=AVq&variables=" + (variables.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        let answer = try sandbox.send("POST", "/api/graphql", headers: [("Content-Type", "application/x-www-form-urlencoded"),
                                                                       ("X-Forwarded-For", "203.0.113.\(Int.random(in: 1...250))")], body: body)
        let data = answer.sandboxJSON["data"] as? [String: Any]
        let items = (data?["xdt_api__v1__media__shortcode__web_info"] as? [String: Any])?["items"] as? [[String: Any]]
        #expect((items?.first?["caption"] as? [String: Any])?["text"] as? String == post["caption"] as? String)
    }

    @Test func followShowsUpInTheFollowerListAndWorldState() throws {
        // Not bigstar: the analysis tests page through its 100,000 followers meanwhile and compare runs.
        let session = try sandbox.session("jun.private")
        let users = try sandbox.admin("GET", "/__sandbox/world")["users"] as? [[String: Any]] ?? []
        let star = try #require(users.first { $0["username"] as? String == "seoul.traveler" })
        let pk = star["pk"] as! String
        defer { _ = try? sandbox.send("POST", "/api/v1/friendships/destroy/\(pk)/", headers: sandbox.web(session)) }
        let follow = try sandbox.send("POST", "/api/v1/friendships/create/\(pk)/", headers: sandbox.web(session))
        #expect(follow.status == 200)
        let list = try sandbox.send("GET", "/api/v1/friendships/\(pk)/followers/?count=2", headers: sandbox.web(session))
        let first = (list.sandboxJSON["users"] as? [[String: Any]])?.first
        #expect(first?["username"] as? String == "jun.private")
        #expect(list.sandboxJSON["next_max_id"] as? String == "2")
        let follows = try sandbox.admin("GET", "/__sandbox/world")["follows"] as? [[String: Any]] ?? []
        #expect(follows.contains { $0["follower"] as? String == "jun.private" && $0["followee"] as? String == "seoul.traveler" })
    }

    /// A deep page of the generated 100,000-follower account (its speed is measured by deploy/bench-sandbox).
    @Test func deepFollowerPagesOfTheLargeAccountAreComplete() throws {
        let session = try sandbox.session("sandbox.user")
        let users = try sandbox.admin("GET", "/__sandbox/world")["users"] as? [[String: Any]] ?? []
        let pk = try #require(users.first { $0["username"] as? String == "bigstar" }?["pk"] as? String)
        let page = try sandbox.send("GET", "/api/v1/friendships/\(pk)/followers/?count=200&max_id=50000", headers: sandbox.web(session))
        #expect(page.status == 200 && (page.sandboxJSON["users"] as? [Any])?.count == 200)
        let names = (page.sandboxJSON["users"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }
        #expect(Set(names).count == 200, "200 distinct followers")
        #expect(page.sandboxJSON["next_max_id"] as? String == "50200", "\(page.sandboxJSON["next_max_id"] ?? "none")")
    }

    @Test func badInputGetsInstagramsAnswers() throws {
        let session = try sandbox.session("sandbox.user")
        let headers = sandbox.web(session)
        #expect(try sandbox.send("GET", "/api/v1/media/not-a-number/info/", headers: headers).status == 400)
        #expect([400, 404].contains(try sandbox.send("GET", "/p/%%%/", headers: headers).status))
        #expect(try sandbox.send("GET", "/p/AAAAAAAAAAB/", headers: headers).status == 404)
        #expect(try sandbox.send("GET", "/api/v1/users/web_profile_info/?username=seoul.traveler").sandboxJSON["message"] as? String
                == "useragent mismatch")
        #expect(try sandbox.send("POST", "/api/v1/web/likes/1/like/", headers: [("Cookie", session.cookie),
                                  ("X-IG-App-ID", "936619743392459")]).status == 403)
        #expect(try sandbox.status("/api/v1/accounts/current_user/", headers: [("Cookie", "sessionid=%01; ;=;;x"),
                                                                               ("X-IG-App-ID", "936619743392459")]) == 302)
        #expect(try sandbox.send("GET", "/api/v1/friendships/1/followers/?max_id=QVFEnever", headers: headers).status == 400)
        #expect(try sandbox.send("GET", "/", headers: []).status == 200)
    }

    @Test func sessionStatesAreAnswered() throws {
        let checkpoint = try sandbox.session("checkpoint.user", state: "checkpoint")
        let answer = try sandbox.send("GET", "/api/v1/accounts/current_user/", headers: sandbox.web(checkpoint))
        #expect(answer.status == 400 && answer.sandboxJSON["message"] as? String == "checkpoint_required")
        let blocked = try sandbox.session("blocked.user", state: "action_blocked")
        let post = try sandbox.post("photo-sea")
        let like = try sandbox.send("POST", "/api/v1/web/likes/\(post["pk"] as! String)/like/", headers: sandbox.web(blocked))
        #expect(like.status == 400 && like.sandboxJSON["message"] as? String == "feedback_required")
    }
}
