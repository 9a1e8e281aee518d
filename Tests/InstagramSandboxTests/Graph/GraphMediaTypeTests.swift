import Foundation
import Testing
import Web
@testable import InstagramSandbox

/// Reels, stories and carousels through the sandbox's Graph API as Meta runs them: video containers processed
/// over Graph time (`IN_PROGRESS`, then `FINISHED`, or `ERROR` with the subcode when the MP4's own boxes break
/// Meta's rules), carousels of 2–10 children, and what each becomes in the world once published.
struct GraphMediaTypeTests {
    let graph = GraphTestClient()
    let seoul = "17841400820017301"

    func cdnURL(_ key: String, item: Int = 0, video: Bool = false) -> String {
        graph.admin("GET", "/__sandbox/cdn/url?post=\(key)&item=\(item)\(video ? "&video=1" : "")", "")["url"] as? String ?? ""
    }

    func create(_ token: String, _ form: [(String, String)]) -> HTTPResponse {
        graph.send("POST", host: "graph.instagram.com", "/v24.0/\(seoul)/media", token: token, form: form)
    }

    func status(_ token: String, _ id: String) -> [String: Any] {
        graph.send(host: "graph.instagram.com", "/v24.0/\(id)?fields=status_code,status", token: token).object
    }

    func publish(_ token: String, _ id: String) -> HTTPResponse {
        graph.send("POST", host: "graph.instagram.com", "/v24.0/\(seoul)/media_publish", token: token, form: [("creation_id", id)])
    }

    @Test func aReelIsProcessedOverGraphTimeThenPublishedAsAReel() throws {
        let token = graph.instagramLongToken(account: "seoul.traveler")
        let created = create(token, [("media_type", "REELS"), ("video_url", cdnURL("igtv-2019", video: true)), ("caption", "A reel"),
                                     ("cover_url", cdnURL("photo-gyeongbokgung")), ("thumb_offset", "1500")])
        let id = try #require(created.object["id"] as? String, "\(created.text)")
        #expect(status(token, id)["status_code"] as? String == "IN_PROGRESS")
        #expect(publish(token, id).graphCode == 9007)
        graph.advance(3)
        #expect(status(token, id)["status_code"] as? String == "FINISHED")
        let media = try #require(publish(token, id).object["id"] as? String)
        let post = try #require(graph.sandbox.sandbox.store.snapshot.posts[UInt64(media) ?? 0])
        #expect(post.kind == .reel && post.caption == "A reel" && post.items.count == 1 && post.items[0].duration == 3)
        let stored = try #require(FileManager.default.contents(atPath: "/tmp/sbx-test-files/published/\(id).mp4"))
        #expect(stored == FileManager.default.contents(atPath: TestSandbox.world.mediaDirectory + "/v03.mp4"))
        #expect(post.items[0].image.fileName == "published/\(id)-cover.jpg", "the cover_url's JPEG is the reel's cover")
    }

    @Test func aVideoBreakingMetasRulesEndsInErrorWithItsSubcode() throws {
        let token = graph.instagramLongToken(account: "seoul.traveler")
        let short = try #require(create(token, [("media_type", "REELS"), ("video_url", cdnURL("reel-hangang", video: true))]).object["id"] as? String)
        let photo = try #require(create(token, [("media_type", "STORIES"), ("video_url", cdnURL("photo-gyeongbokgung"))]).object["id"] as? String)
        graph.advance(3)
        #expect(status(token, short)["status_code"] as? String == "ERROR")
        #expect(status(token, short)["status"] as? String == "Error: Media upload has failed with error code 2207026", "a 2 s reel")
        #expect(status(token, photo)["status"] as? String == "Error: Media upload has failed with error code 2207026", "a JPEG is no video")
        #expect(publish(token, short).status.code == 400)
        let offset = create(token, [("media_type", "REELS"), ("video_url", cdnURL("igtv-2019", video: true)), ("thumb_offset", "3000")])
        #expect(offset.graphCode == 1 && offset.graphSubcode == 2207057, "thumb_offset at the end of a 3 s video")
        #expect(create(token, [("media_type", "GIF"), ("image_url", cdnURL("photo-gyeongbokgung"))]).graphSubcode == 2207023)
    }

    @Test func aStoryPhotoTakesAnyRatioAndGoesLiveForADay() throws {
        let token = graph.instagramLongToken(account: "seoul.traveler")
        let portrait = cdnURL("reel-hangang")
        let id = try #require(create(token, [("media_type", "STORIES"), ("image_url", portrait)]).object["id"] as? String)
        let media = try #require(publish(token, id).object["id"] as? String)
        let world = graph.sandbox.sandbox.store.snapshot
        let owner = try #require(world.user(username: "seoul.traveler"))
        let story = try #require(world.stories[owner.pk]?.first { String($0.post.pk) == media })
        #expect(story.post.items[0].width == 720 && story.post.items[0].height == 1280 && !story.post.items[0].isVideo)
        #expect(story.expiringAt - story.post.takenAt == 86_400 && world.liveStories(ownerPK: owner.pk, now: story.post.takenAt).count == 1)
        let fields = "id,media_type,media_product_type,permalink,timestamp,caption"
        let listed = try #require(graph.send(host: "graph.instagram.com", "/v24.0/\(seoul)/stories?fields=\(fields)", token: token).object["data"] as? [[String: Any]])
        let entry = try #require(listed.first { $0["id"] as? String == media }, "a live story is in /stories: \(listed)")
        #expect(entry["media_product_type"] as? String == "STORY" && entry["media_type"] as? String == "IMAGE" && entry["caption"] == nil)
        #expect((entry["permalink"] as? String)?.hasSuffix("/stories/seoul.traveler/\(media)/") == true && entry["timestamp"] != nil)
        let feed = graph.send(host: "graph.instagram.com", "/v24.0/\(seoul)/media?limit=100", token: token).object["data"] as? [[String: Any]] ?? []
        #expect(!feed.isEmpty && !feed.contains { $0["id"] as? String == media }, "never in /media")
        _ = graph.admin("POST", "/__sandbox/clock", #"{"advance":86401}"#)
        let later = graph.send(host: "graph.instagram.com", "/v24.0/\(seoul)/stories", token: token).object["data"] as? [[String: Any]]
        #expect(later?.contains { $0["id"] as? String == media } == false, "gone after 24 hours on the sandbox clock")
    }

    @Test func aPublishsAnswerIsLostOrReplacedByTheGraphsAfterFaults() throws {
        let token = graph.instagramLongToken(account: "seoul.traveler")
        let refused = #"{\"error\":{\"message\":\"(#9007) not ready\",\"type\":\"OAuthException\",\"code\":9007,\"error_subcode\":2207027}}"#
        _ = graph.admin("POST", "/__sandbox/graph/faults", #"{"kind":"status","status":400,"body":"\#(refused)","path":"/\#(seoul)/media_publish","count":1}"#)
        let id = try #require(create(token, [("image_url", cdnURL("photo-gyeongbokgung"))]).object["id"] as? String)
        let early = publish(token, id)
        #expect(early.status.code == 400 && early.graphCode == 9007 && early.graphSubcode == 2207027, "the fault's body, before the handler")
        #expect(status(token, id)["status_code"] as? String == "FINISHED", "nothing was published")
        _ = graph.admin("POST", "/__sandbox/graph/faults", #"{"kind":"reset","after":true,"path":"/\#(seoul)/media_publish","count":1}"#)
        let lost = publish(token, id)
        #expect(lost.headers["X-Accel-Redirect"] == "/__sandbox_reset", "the connection is closed without the answer")
        #expect(status(token, id)["status_code"] as? String == "PUBLISHED", "yet the post was published")
        #expect(publish(token, id).graphSubcode == 2207008, "and a second publish is refused")
    }

    @Test func aMixedCarouselOfChildrenIsPublishedInOrder() throws {
        let token = graph.instagramLongToken(account: "seoul.traveler")
        var children: [String] = []
        for index in 0..<10 {
            let form: [(String, String)] = index % 4 == 1
                ? [("media_type", "VIDEO"), ("is_carousel_item", "true"), ("video_url", cdnURL("igtv-2019", video: true))]
                : [("is_carousel_item", "true"), ("image_url", cdnURL("carousel-ten", item: index == 2 ? 0 : index))]
            let answer = create(token, form)
            children.append(try #require(answer.object["id"] as? String, "\(index): \(answer.text)"))
        }
        #expect(create(token, [("media_type", "CAROUSEL"), ("children", children[0])]).graphSubcode == 2207028)
        #expect(create(token, [("media_type", "CAROUSEL"), ("children", (children + ["1"]).joined(separator: ","))]).graphSubcode == 2207028)
        #expect(create(token, [("media_type", "CAROUSEL"), ("children", children[0] + ",1789")]).graphSubcode == 2207008)
        #expect(publish(token, children[0]).graphSubcode == 2207008, "a child is not published alone")
        let id = try #require(create(token, [("media_type", "CAROUSEL"), ("children", children.joined(separator: ",")), ("caption", "Ten")]).object["id"] as? String)
        #expect(status(token, id)["status_code"] as? String == "IN_PROGRESS", "while its videos are processed")
        graph.advance(3)
        let media = try #require(publish(token, id).object["id"] as? String)
        let post = try #require(graph.sandbox.sandbox.store.snapshot.posts[UInt64(media) ?? 0])
        #expect(post.kind == .carousel && post.items.count == 10 && post.caption == "Ten")
        #expect(post.items.map(\.isVideo) == (0..<10).map { $0 % 4 == 1 })
    }
}
