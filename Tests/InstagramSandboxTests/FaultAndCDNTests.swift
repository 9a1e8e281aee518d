import Foundation
import Testing
import Web
@testable import InstagramSandbox

/// Fault scheduling, CDN signatures and the admin API.
struct FaultAndCDNTests {
    @Test func probabilityFaultsRepeatWithTheSeed() {
        func schedule() -> [Bool] {
            let injector = FaultInjector()
            injector.add(FaultRule(id: 0, kind: .status, path: "/api/*", probability: 0.3, seed: 99, status: 503, fired: 0))
            return (0..<200).map { _ in !injector.draw(method: "GET", path: "/api/v1/x").isEmpty }
        }
        let first = schedule()
        #expect(first == schedule())
        #expect((40...80).contains(first.filter { $0 }.count))
    }

    @Test func countFaultsFireNTimesOnMatchingPathsOnly() {
        let injector = FaultInjector()
        injector.add(FaultRule(id: 0, kind: .reset, path: "/v/", count: 2, fired: 0))
        #expect(injector.draw(method: "GET", path: "/api/v1/x").isEmpty)
        #expect(injector.draw(method: "GET", path: "/v/t51/a.jpg").count == 1)
        #expect(injector.draw(method: "GET", path: "/v/t51/b.jpg").count == 1)
        #expect(injector.draw(method: "GET", path: "/v/t51/c.jpg").isEmpty)
        #expect(injector.rules.isEmpty)
    }

    @Test func globPatterns() {
        #expect(FaultRule.glob("/api/*/info", "/api/v1/media/1/info"))
        #expect(!FaultRule.glob("/api/*/info", "/api/v1/media/1/comments"))
        #expect(FaultRule.glob("", "/anything"))
        #expect(FaultRule.glob("*.mp4", "/o1/v/t16/a.mp4"))
    }

    @Test func signaturesExpireAndResistTampering() {
        let signer = CDNSigner(secret: "s")
        let path = "/v/t51.2885-15/1_2_3_n.jpg"
        let good = signer.signature(path: path, expiry: 2_000)
        #expect(signer.check(path: path, oh: good, oe: CDNSigner.hex(2_000), now: 1_000) == nil)
        #expect(signer.check(path: path, oh: good, oe: CDNSigner.hex(2_000), now: 3_000) == .expired)
        #expect(signer.check(path: path, oh: good + "x", oe: CDNSigner.hex(2_000), now: 1_000) == .expired)
        #expect(signer.check(path: path, oh: good, oe: CDNSigner.hex(2_001), now: 1_000) == .expired)
        #expect(signer.check(path: path, oh: good, oe: "zz", now: 1_000) == .badDate)
        #expect(CDNSigner.hex(0x6745A3F1) == "6745A3F1")
    }

    @Test func cdnAnswersHandTheFileToNginx() throws {
        let sandbox = TestSandbox()
        let url = try #require(sandbox.send("GET", "/__sandbox/cdn/url?post=video-busan&video=1").object["url"] as? String)
        let target = String(url.dropFirst("http://sandbox.test".count))
        let answer = sandbox.send("GET", target)
        #expect(answer.headers["X-Accel-Redirect"] == "/__sandbox_media/v02.mp4")
        #expect(answer.headers["Content-Type"] == "video/mp4")
        let tampered = sandbox.send("GET", target.replacingOccurrences(of: "oh=00_", with: "oh=00_Z"))
        #expect(tampered.status.code == 403 && tampered.text == "URL signature expired")
        let expiredURL = try #require(sandbox.send("GET", "/__sandbox/cdn/url?post=video-busan&video=1&expires=1000").object["url"] as? String)
        #expect(sandbox.send("GET", String(expiredURL.dropFirst("http://sandbox.test".count))).status.code == 403)
    }

    @Test func adminFaultsApplyToTheNextRequests() {
        let sandbox = TestSandbox()
        let armed = sandbox.send("POST", "/__sandbox/faults", body: #"{"kind":"status","status":502,"path":"/api/v1/users/","count":1}"#)
        #expect(armed.status.code == 201)
        #expect(sandbox.send("GET", "/api/v1/users/web_profile_info/?username=mina.kim").status.code == 502)
        #expect(sandbox.send("GET", "/api/v1/users/web_profile_info/?username=mina.kim").status.code == 200)
        _ = sandbox.send("POST", "/__sandbox/faults", body: #"{"kind":"slow","bytes_per_second":5000,"path":"/","count":1}"#)
        #expect(sandbox.send("GET", "/mina.kim/").headers["X-Accel-Limit-Rate"] == "5000")
        _ = sandbox.send("POST", "/__sandbox/faults", body: #"{"kind":"truncate","fraction":0.5,"path":"/mina.kim","count":1}"#)
        let cut = sandbox.send("GET", "/mina.kim/")
        #expect(Int(cut.headers["Content-Length"] ?? "") == cut.body.count * 2 || Int(cut.headers["Content-Length"] ?? "")! > cut.body.count)
        let log = sandbox.send("GET", "/__sandbox/requests").object["requests"] as? [[String: Any]] ?? []
        #expect(log.contains { ($0["faults"] as? [String]) == ["status"] && JSONInput.int($0["status"]) == 502 })
    }

    @Test func garbageFaultsAnswerAnotherBody() {
        let sandbox = TestSandbox()
        _ = sandbox.send("POST", "/__sandbox/faults", body: #"{"kind":"garbage","path":"/api/v1/users/","count":1}"#)
        let html = sandbox.send("GET", "/api/v1/users/web_profile_info/?username=mina.kim")
        #expect(html.status.code == 200 && html.text.hasPrefix("<!DOCTYPE html>"))
        _ = sandbox.send("POST", "/__sandbox/faults", body: #"{"kind":"garbage","body":"{\"users\":7}","path":"/api/v1/users/","count":1}"#)
        let shape = sandbox.send("GET", "/api/v1/users/web_profile_info/?username=mina.kim")
        #expect(shape.text == #"{"users":7}"# && shape.headers["Content-Type"]?.hasPrefix("application/json") == true)
        #expect(sandbox.send("GET", "/api/v1/users/web_profile_info/?username=mina.kim").text.contains("\"username\":\"mina.kim\""))
    }

    @Test func aFaultNamingASessionMeetsOnlyThatSessionsCalls() {
        let sandbox = TestSandbox()
        // The rule names sandbox.user's session as its cookie carries it (percent-encoded); mina.kim's call
        // to the same path and a call with no session go through, and the count is left for the named session.
        let encoded = "7419826350%3AsB7xK2mQ9pLrT4%3A21%3AAYdXq0fV3nS8kLz1Hc2PwRt6YuJm9bEo4gNiAaQ"
        _ = sandbox.send("POST", "/__sandbox/faults", body: #"{"kind":"garbage","path":"/api/v1/users/","count":1,"session":"\#(encoded)"}"#)
        let path = "/api/v1/users/web_profile_info/?username=mina.kim"
        #expect(sandbox.send("GET", path, cookie: TestSandbox.minaCookie).text.contains("\"username\":\"mina.kim\""))
        #expect(sandbox.send("GET", path).text.contains("\"username\":\"mina.kim\""))
        #expect(sandbox.send("GET", path, cookie: TestSandbox.sessionCookie).text.hasPrefix("<!DOCTYPE html>"))
        #expect(sandbox.send("GET", path, cookie: TestSandbox.sessionCookie).text.contains("\"username\":\"mina.kim\""))
        // The decoded form names the same session.
        _ = sandbox.send("POST", "/__sandbox/faults",
                         body: #"{"kind":"garbage","path":"/api/v1/users/","count":1,"session":"7419826350:sB7xK2mQ9pLrT4:21:AYdXq0fV3nS8kLz1Hc2PwRt6YuJm9bEo4gNiAaQ"}"#)
        #expect(sandbox.send("GET", path, cookie: TestSandbox.minaCookie).text.contains("\"username\":\"mina.kim\""))
        #expect(sandbox.send("GET", path, cookie: TestSandbox.sessionCookie).text.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func refusalFaultsAnswerInstagramsRefusalForOnePath() {
        let sandbox = TestSandbox()
        let post = sandbox.post("photo-sea")
        let star = TestSandbox.world.user(username: "bigstar")!
        _ = sandbox.send("POST", "/__sandbox/faults", body: #"{"kind":"refusal","path":"/api/v1/web/likes/","method":"POST","count":2}"#)
        let blocked = sandbox.logged("POST", "/api/v1/web/likes/\(post.pk)/like/")
        #expect(blocked.status.code == 400 && blocked.object["message"] as? String == "feedback_required")
        #expect(blocked.object["feedback_url"] as? String == "repute/report_problem/instagram_like_add/")
        #expect(sandbox.logged("POST", "/api/v1/web/friendships/\(star.pk)/follow/").status.code == 200, "other action types still work")
        _ = sandbox.send("POST", "/__sandbox/faults", body: #"{"kind":"refusal","message":"checkpoint_required","path":"/api/v1/web/comments/","count":1}"#)
        let checkpoint = sandbox.logged("POST", "/api/v1/web/comments/\(post.pk)/add/", body: "comment_text=hi")
        #expect(checkpoint.object["message"] as? String == "checkpoint_required")
        _ = sandbox.send("POST", "/__sandbox/faults", body: #"{"kind":"refusal","message":"login_required","path":"/api/v1/web/friendships/","count":1}"#)
        let login = sandbox.logged("POST", "/api/v1/web/friendships/\(star.pk)/unfollow/")
        #expect(login.status.code == 302 && login.headers["Location"]?.contains("/accounts/login/") == true)
    }

    @Test func worldStateAndResetReflectActions() throws {
        let sandbox = TestSandbox()
        let mina = TestSandbox.world.user(username: "mina.kim")!
        let jun = TestSandbox.world.user(username: "jun.private")!
        _ = sandbox.logged("POST", "/api/v1/friendships/create/\(jun.pk)/")
        let world = sandbox.send("GET", "/__sandbox/world").object
        let follows = try #require(world["follows"] as? [[String: Any]])
        #expect(follows.contains { $0["follower"] as? String == "sandbox.user" && $0["followee"] as? String == "jun.private"
                                   && $0["pending"] as? Bool == true })
        let posts = try #require(world["posts"] as? [[String: Any]])
        #expect(posts.contains { $0["shortcode"] as? String != nil && $0["media_id"] as? String != nil && $0["type"] as? String == "igtv" })
        #expect((world["sessions"] as? [Any])?.count == 6)
        _ = sandbox.send("POST", "/__sandbox/reset")
        #expect(sandbox.sandbox.store.snapshot.hasRequested(TestSandbox.world.user(username: "sandbox.user")!.pk, jun.pk) == false)
        #expect(mina.username == "mina.kim")
        #expect(TestSandbox(admin: false).send("GET", "/__sandbox/world").status.code == 404)
    }
}
