import Foundation
import Testing
import Web
@testable import InstagramSandbox

/// Profiles, follower pages, sessions, header checks and actions.
struct AccountAnswerTests {
    let sandbox = TestSandbox()

    @Test func webProfileInfoHasTheKeysClientsIndex() throws {
        let answer = sandbox.send("GET", "/api/v1/users/web_profile_info/?username=seoul.traveler")
        let user = try #require((answer.object["data"] as? [String: Any])?["user"] as? [String: Any])
        for key in ["id", "edge_owner_to_timeline_media", "edge_followed_by", "edge_follow", "is_business_account",
                    "business_email", "business_phone_number"] {
            #expect(user.keys.contains(key), "missing \(key)")
        }
        let timeline = try #require(user["edge_owner_to_timeline_media"] as? [String: Any])
        #expect((timeline["edges"] as? [Any])?.count == 12 && JSONInput.int(timeline["count"]) == 14)
        let hidden = sandbox.send("GET", "/api/v1/users/web_profile_info/?username=hidden.garden")
        let garden = try #require((hidden.object["data"] as? [String: Any])?["user"] as? [String: Any])
        #expect((garden["edge_owner_to_timeline_media"] as? [String: Any])?["edges"] as? [Any] != nil)
        #expect(((garden["edge_owner_to_timeline_media"] as? [String: Any])?["edges"] as? [Any])?.isEmpty == true)
        #expect(sandbox.send("GET", "/api/v1/users/web_profile_info/?username=nobody.here").status.code == 404)
    }

    @Test func missingAppIDIsAUserAgentMismatch() {
        let answer = sandbox.send("GET", "/api/v1/users/web_profile_info/?username=seoul.traveler", appID: nil)
        #expect(answer.status.code == 400 && answer.object["message"] as? String == "useragent mismatch")
    }

    @Test func followersPageByDecimalOffset() throws {
        let star = TestSandbox.world.user(username: "bigstar")!
        let first = sandbox.logged("GET", "/api/v1/friendships/\(star.pk)/followers/?count=200")
        #expect((first.object["users"] as? [Any])?.count == 200)
        #expect(first.object["next_max_id"] as? String == "200")
        let last = sandbox.logged("GET", "/api/v1/friendships/\(star.pk)/followers/?count=200&max_id=99900")
        #expect((last.object["users"] as? [Any])?.count == 101 && last.object["next_max_id"] == nil)
        #expect(sandbox.logged("GET", "/api/v1/friendships/\(star.pk)/followers/?max_id=QVFnotours").status.code == 400)
    }

    @Test func graphQLCursorsMustHaveBeenIssued() throws {
        let star = TestSandbox.world.user(username: "bigstar")!
        let variables = "%7B%22id%22%3A%22\(star.pk)%22%2C%22first%22%3A12%2C%22after%22%3A%22QVFEbogus%22%7D"
        let answer = sandbox.logged("GET", "/graphql/query/?query_hash=37479f2b8209594dde7facb0d904896a&variables=\(variables)")
        #expect(answer.object["status"] as? String == "fail")
    }

    @Test func privateListsNeedAnApprovedFollow() {
        let garden = TestSandbox.world.user(username: "hidden.garden")!
        let refused = sandbox.logged("GET", "/api/v1/friendships/\(garden.pk)/followers/")
        #expect(refused.status.code == 400 && refused.object["message"] as? String == "Not authorized to view user")
        let mina = sandbox.send("GET", "/api/v1/friendships/\(garden.pk)/followers/", cookie: TestSandbox.minaCookie)
        #expect(mina.status.code == 200)
    }

    @Test func loggedOutCallersAreSentToLogin() {
        let web = sandbox.send("GET", "/api/v1/accounts/current_user/?edit=true")
        #expect(web.status.code == 302)
        let mobile = sandbox.send("GET", "/api/v1/accounts/current_user/", headers: [("Host", "i.instagram.com"),
                                   ("User-Agent", "Instagram 361.0.0.35.82 (iPad13,8; iOS 18_0; en_US)")])
        #expect(mobile.status.code == 403 && mobile.object["message"] as? String == "login_required")
        let browserOnMobile = sandbox.send("GET", "/api/v1/accounts/current_user/", headers: [("Host", "i.instagram.com")])
        #expect(browserOnMobile.object["message"] as? String == "useragent mismatch")
    }

    @Test func bearerTokensAuthenticateTheMobileAPI() {
        let json = #"{"ds_user_id":"7419826350","sessionid":"7419826350%3AsB7xK2mQ9pLrT4%3A21%3AAYdXq0fV3nS8kLz1Hc2PwRt6YuJm9bEo4gNiAaQ"}"#
        let bearer = "Bearer IGT:2:" + Data(json.utf8).base64EncodedString()
        let answer = sandbox.send("GET", "/api/v1/accounts/current_user/?edit=true", headers: [("Authorization", bearer),
                                   ("User-Agent", "Instagram 449.0.0.52.84 Android")], appID: "567067343352427")
        #expect((answer.object["user"] as? [String: Any])?["username"] as? String == "sandbox.user")
    }

    @Test func sessionStatesAnswerAsInstagramDoes() {
        let expired = "sessionid=8102734455%3AeX9pIrEd0000aa%3A12%3AAYeExpiredSession0000000000000000000000"
        #expect(sandbox.send("GET", "/api/v1/accounts/current_user/", cookie: expired).status.code == 302)
        let checkpoint = "sessionid=8102734456%3AcHkPt0000000bb%3A12%3AAYeCheckpointSession000000000000000000"
        #expect(sandbox.send("GET", "/api/v1/accounts/current_user/", cookie: checkpoint).object["message"] as? String == "checkpoint_required")
        let token = "sbxCsrf8102734457eeeeeeeeeeeeeee"
        let blocked = "sessionid=8102734457%3AbLoCkEd00000cc%3A12%3AAYeActionBlockedSession0000000000000000; csrftoken=\(token)"
        let target = TestSandbox.world.user(username: "mina.kim")!
        let answer = sandbox.send("POST", "/api/v1/friendships/create/\(target.pk)/", cookie: blocked, headers: [("X-CSRFToken", token)])
        #expect(answer.status.code == 400 && answer.object["message"] as? String == "feedback_required")
        #expect(sandbox.send("GET", "/api/v1/accounts/current_user/", cookie: "sessionid=garbage;;==;").status.code == 302)
    }

    @Test func postsNeedTheCSRFToken() {
        let target = TestSandbox.world.user(username: "bigstar")!
        let missing = sandbox.send("POST", "/api/v1/web/friendships/\(target.pk)/follow/", cookie: TestSandbox.sessionCookie)
        #expect(missing.status.code == 403)
        let wrong = sandbox.send("POST", "/api/v1/web/friendships/\(target.pk)/follow/", cookie: TestSandbox.sessionCookie,
                                 headers: [("X-CSRFToken", "nope")])
        #expect(wrong.status.code == 403)
        // Double-submitted right, but another login's token: refused like a missing one.
        let sessionOnly = TestSandbox.sessionCookie.components(separatedBy: "; csrftoken=")[0]
        let foreign = sandbox.send("POST", "/api/v1/web/friendships/\(target.pk)/follow/", cookie: sessionOnly + "; csrftoken=foreign0token",
                                   headers: [("X-CSRFToken", "foreign0token")])
        #expect(foreign.status.code == 403 && foreign.object["message"] as? String == "CSRF token missing or incorrect")
    }

    @Test func followChangesTheFollowerList() throws {
        let star = TestSandbox.world.user(username: "bigstar")!
        let follow = sandbox.logged("POST", "/api/v1/friendships/create/\(star.pk)/")
        #expect((follow.object["friendship_status"] as? [String: Any])?["following"] as? Bool == true)
        let first = sandbox.logged("GET", "/api/v1/friendships/\(star.pk)/followers/?count=1")
        #expect(((first.object["users"] as? [[String: Any]])?.first?["username"] as? String) == "sandbox.user")
        #expect(sandbox.sandbox.store.snapshot.followerCount(star.pk) == 100_002)
        _ = sandbox.logged("POST", "/api/v1/friendships/destroy/\(star.pk)/")
        #expect(sandbox.sandbox.store.snapshot.followerCount(star.pk) == 100_001)
    }

    @Test func likeAndCommentChangeThePost() throws {
        let post = sandbox.post("photo-hangang")
        #expect(sandbox.logged("POST", "/api/v1/web/likes/\(post.pk)/like/").status.code == 200)
        let comment = sandbox.logged("POST", "/api/v1/web/comments/\(post.pk)/add/", body: "comment_text=%EC%A2%8B%EC%95%84%EC%9A%94+%F0%9F%91%8D")
        #expect(comment.object["text"] as? String == "좋아요 👍")
        let item = try #require((sandbox.logged("GET", "/api/v1/media/\(post.pk)/info/").object["items"] as? [[String: Any]])?.first)
        #expect(item["has_liked"] as? Bool == true)
        #expect(JSONInput.int(item["like_count"]) == post.baseLikeCount + 1)
        #expect(JSONInput.int(item["comment_count"]) == post.baseCommentCount + 1)
    }

    @Test func pacingAnswers429AndAnonymousBudgetsEnd() {
        var limits = PacingLimits()
        limits.other = 3
        limits.anonymousRequests = 2
        sandbox.sandbox.store.update { $0.limits = limits }
        let codes = (0..<4).map { _ in sandbox.logged("GET", "/api/v1/accounts/current_user/").status.code }
        #expect(codes == [200, 200, 200, 429])
        #expect(sandbox.logged("GET", "/api/v1/accounts/current_user/").object["message"] as? String
                == "Please wait a few minutes before you try again.")
        let anonymous = (0..<3).map { _ in sandbox.send("GET", "/seoul.traveler/", client: "10.9.9.9").status.code }
        #expect(anonymous == [200, 200, 302])
    }

    @Test func dailyActionThresholdGivesFeedbackRequired() {
        var limits = PacingLimits()
        limits.likesPerDay = 1
        sandbox.sandbox.store.update { $0.limits = limits }
        let post = sandbox.post("photo-sea")
        #expect(sandbox.logged("POST", "/api/v1/media/\(post.pk)/like/").status.code == 200)
        let second = sandbox.logged("POST", "/api/v1/media/\(post.pk)/unlike/")
        #expect(second.object["message"] as? String == "feedback_required")
        #expect((second.object["feedback_url"] as? String)?.contains("instagram_like_add") == true)
    }
}
