import Foundation
import Testing
import Web
@testable import InstagramSandbox

/// Stories (24 hours on the sandbox clock), highlights, content added at run time and full-size profile pictures.
struct StoryAnswerTests {
    let sandbox = TestSandbox()

    func admin(_ method: String, _ path: String, _ json: String) -> HTTPResponse {
        sandbox.send(method, path, headers: [("Content-Type", "application/json")], body: json)
    }

    func reels(_ ids: String) -> [String: Any] {
        sandbox.logged("GET", "/api/v1/feed/reels_media/?reel_ids=\(ids)").object
    }

    @Test func storiesLastTwentyFourHoursOnTheSandboxClock() throws {
        let photo = admin("POST", "/__sandbox/stories", #"{"owner":"seoul.traveler","from":"photo-gyeongbokgung"}"#)
        let video = admin("POST", "/__sandbox/stories", #"{"owner":"seoul.traveler","from":"video-busan"}"#)
        #expect(photo.status.code == 201 && video.status.code == 201)
        #expect(photo.object["expiring_at"] as? Int == Int(TestSandbox.now) + 86_400)
        let owner = TestSandbox.world.user(username: "seoul.traveler")!
        let live = try #require((reels("\(owner.pk)")["reels_media"] as? [[String: Any]])?.first)
        let items = try #require(live["items"] as? [[String: Any]])
        #expect(items.map { $0["code"] as? String } == [photo.object["code"] as? String, video.object["code"] as? String])
        #expect(items.map { $0["media_type"] as? Int } == [1, 2])
        #expect((items[1]["video_versions"] as? [Any])?.isEmpty == false)
        #expect(sandbox.send("GET", "/api/v1/feed/reels_media/?reel_ids=\(owner.pk)").status.code == 302) // logged out
        #expect(admin("POST", "/__sandbox/clock", #"{"advance":86401}"#).object["offset"] as? Int == 86_401)
        #expect((reels("\(owner.pk)")["reels_media"] as? [Any])?.isEmpty == true)
    }

    @Test func highlightsKeepStoriesAfterTheyExpire() throws {
        let story = admin("POST", "/__sandbox/stories", #"{"owner":"mina.kim","from":"mina-picnic"}"#).object
        let pk = try #require(story["pk"] as? String)
        let made = admin("POST", "/__sandbox/highlights", #"{"owner":"mina.kim","title":"Picnics","stories":["\#(pk)"]}"#)
        #expect(made.status.code == 201)
        let reelID = try #require(made.object["reel_id"] as? String)
        _ = admin("POST", "/__sandbox/clock", #"{"advance":200000}"#)
        let mina = TestSandbox.world.user(username: "mina.kim")!
        let tray = try #require(sandbox.logged("GET", "/api/v1/highlights/\(mina.pk)/highlights_tray/").object["tray"] as? [[String: Any]])
        #expect(tray.map { $0["id"] as? String } == [reelID] && tray.first?["title"] as? String == "Picnics")
        let reel = try #require((reels(reelID)["reels"] as? [String: Any])?[reelID] as? [String: Any])
        #expect((reel["items"] as? [[String: Any]])?.map { $0["pk"] as? String } == [pk])
        let profile = sandbox.send("GET", "/api/v1/users/web_profile_info/?username=mina.kim").object
        #expect(((profile["data"] as? [String: Any])?["user"] as? [String: Any])?["highlight_reel_count"] as? Int == 1)
        #expect((reels("highlight:1")["reels_media"] as? [Any])?.isEmpty == true)
    }

    @Test func postsAddedAtRunTimeComeFirstInTheTimeline() throws {
        let user = admin("POST", "/__sandbox/users", #"{"username":"fresh.profile","profile_pic":"a-star.jpg"}"#)
        #expect(user.status.code == 201)
        #expect(admin("POST", "/__sandbox/users", #"{"username":"fresh.profile"}"#).status.code == 409)
        let old = admin("POST", "/__sandbox/posts", #"{"owner":"fresh.profile","from":"carousel-jeju","count":3}"#)
        _ = admin("POST", "/__sandbox/clock", #"{"advance":3600}"#)
        let new = admin("POST", "/__sandbox/posts", #"{"owner":"fresh.profile","from":"reel-hangang"}"#)
        let made = try #require(old.object["posts"] as? [[String: Any]]) + (new.object["posts"] as? [[String: Any]] ?? [])
        #expect(made.count == 4 && Set(made.compactMap { $0["shortcode"] as? String }).count == 4)
        let info = sandbox.send("GET", "/api/v1/users/web_profile_info/?username=fresh.profile").object
        let timeline = try #require(((info["data"] as? [String: Any])?["user"] as? [String: Any])?["edge_owner_to_timeline_media"] as? [String: Any])
        #expect(timeline["count"] as? Int == 4)
        let codes = (timeline["edges"] as? [[String: Any]])?.compactMap { ($0["node"] as? [String: Any])?["shortcode"] as? String }
        #expect(codes?.first == made[3]["shortcode"] as? String)
        #expect(made[3]["type"] as? String == "reel" && (made[0]["items"] as? [Any])?.count == 3)
    }

    @Test func aPinnedPostIsListedFirst() throws {
        let old = sandbox.post("mina-coffee") // mina's older post
        let pinned = admin("POST", "/__sandbox/posts/pin", #"{"shortcode":"\#(old.shortcode)"}"#)
        #expect(pinned.status.code == 200)
        let variables = #"{"data":{"count":12},"username":"mina.kim","first":12}"#
        let body = "doc_id=28544666141895803&variables=" + variables.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let page = sandbox.send("POST", "/api/graphql", body: body).object
        let edges = try #require(((page["data"] as? [String: Any])?["xdt_api__v1__feed__user_timeline_graphql_connection"] as? [String: Any])?["edges"] as? [[String: Any]])
        let nodes = edges.compactMap { $0["node"] as? [String: Any] }
        #expect(nodes.map { $0["code"] as? String } == [old.shortcode, sandbox.post("mina-picnic").shortcode])
        #expect((nodes.first?["timeline_pinned_user_ids"] as? [Any])?.count == 1 && (nodes.last?["timeline_pinned_user_ids"] as? [Any])?.isEmpty == true)
    }

    @Test func theProfilePictureComesInFullSize() throws {
        let info = sandbox.send("GET", "/api/v1/users/web_profile_info/?username=seoul.traveler").object
        let user = try #require((info["data"] as? [String: Any])?["user"] as? [String: Any])
        let hd = try #require(user["profile_pic_url_hd"] as? String)
        #expect(hd.contains("s320x320") && hd != user["profile_pic_url"] as? String)
        let path = String(hd.dropFirst("http://sandbox.test".count))
        #expect(sandbox.send("GET", path).headers["X-Accel-Redirect"] == "/__sandbox_media/a-seoul.jpg")
    }
}
