import Foundation
import Testing
import MediaProbe
import Web
@testable import InstagramSandbox

/// Content publishing: image containers from a URL (bytes checked), their status, publishing once, the post in
/// the world (web API and CDN), the publishing limit, and Meta's error codes.
struct GraphPublishTests {
    let graph = GraphTestClient()
    let seoul = "17841400820017301"

    func cdnURL(_ key: String) -> String { graph.admin("GET", "/__sandbox/cdn/url?post=\(key)&item=0", "")["url"] as? String ?? "" }

    func create(_ token: String, image: String, caption: String = "New roast #coffee") -> HTTPResponse {
        graph.send("POST", host: "graph.instagram.com", "/v24.0/\(seoul)/media", token: token, form: [("image_url", image), ("caption", caption)])
    }

    @Test func anImageContainerIsPublishedOnceAndThePostIsOnTheWebAndTheCDN() throws {
        let token = graph.instagramLongToken(account: "seoul.traveler")
        let created = create(token, image: cdnURL("photo-gyeongbokgung"))
        #expect(created.status.code == 200, "\(created.text)")
        let container = try #require(created.object["id"] as? String)
        let status = graph.send(host: "graph.instagram.com", "/v24.0/\(container)?fields=id,status_code,status", token: token)
        #expect(status.object["status_code"] as? String == "FINISHED")
        let published = graph.send("POST", host: "graph.instagram.com", "/v24.0/\(seoul)/media_publish", token: token, form: [("creation_id", container)])
        #expect(published.status.code == 200, "\(published.text)")
        let media = try #require(published.object["id"] as? String)
        #expect(graph.send(host: "graph.instagram.com", "/v24.0/\(container)?fields=status_code", token: token).object["status_code"] as? String == "PUBLISHED")
        let again = graph.send("POST", host: "graph.instagram.com", "/v24.0/\(seoul)/media_publish", token: token, form: [("creation_id", container)])
        #expect(again.status.code == 400 && again.graphCode == 24 && again.graphSubcode == 2207008, "a container is published once only")
        let node = graph.send(host: "graph.instagram.com", "/v24.0/\(media)?fields=caption,permalink,shortcode,media_type", token: token)
        #expect(node.object["caption"] as? String == "New roast #coffee" && node.object["media_type"] as? String == "IMAGE")
        let shortcode = try #require(node.object["shortcode"] as? String)
        let web = graph.sandbox.logged("GET", "/api/v1/media/\(media)/info/")
        #expect(web.status.code == 200 && web.text.contains(shortcode), "\(web.status.code) \(web.text.prefix(300))")
        let world = graph.sandbox.sandbox.store.snapshot
        let post = try #require(world.post(shortcode: shortcode))
        #expect(post.items[0].width == 1080 && post.items[0].height == 1350)
        let file = graph.sandbox.send("GET", post.items[0].image.cdnPath + "?" + (cdnURL(post.key).split(separator: "?").last.map(String.init) ?? ""))
        #expect(file.status.code == 200 && file.headers["X-Accel-Redirect"] == "/__sandbox_files/published/\(container).jpg", "\(file.headers)")
        let bytes = try #require(FileManager.default.contents(atPath: "/tmp/sbx-test-files/published/\(container).jpg"))
        let original = try #require(FileManager.default.contents(atPath: TestSandbox.world.mediaDirectory + "/p01.jpg"))
        #expect(bytes == original)
    }

    @Test func badMediaAndCaptionsAnswerMetasCodes() {
        let token = graph.instagramLongToken(account: "seoul.traveler")
        let portrait = create(token, image: cdnURL("reel-hangang"))
        #expect(portrait.graphCode == 36003 && portrait.graphSubcode == 2207009, "a 720×1280 cover is outside 4:5…1.91:1: \(portrait.text)")
        let video = graph.admin("GET", "/__sandbox/cdn/url?post=video-busan&item=0&video=1", "")["url"] as? String ?? ""
        #expect(create(token, image: video).graphSubcode == 2207005, "an MP4 is not a JPEG")
        #expect(create(token, image: "http://127.0.0.1:1/none.jpg").graphSubcode == 2207052)
        let tags = (1...31).map { "#t\($0)" }.joined(separator: " ")
        #expect(create(token, image: cdnURL("photo-gyeongbokgung"), caption: tags).graphSubcode == 2207010)
        let mentions = (1...21).map { "@u\($0)" }.joined(separator: " ")
        #expect(create(token, image: cdnURL("photo-gyeongbokgung"), caption: mentions).graphSubcode == 2207040)
        #expect(create(token, image: cdnURL("photo-gyeongbokgung"), caption: String(repeating: "a", count: 2201)).graphSubcode == 2207010)
        let other = graph.send("POST", host: "graph.instagram.com", "/v24.0/17841400000000017/media", token: token, form: [("image_url", cdnURL("photo-gyeongbokgung"))])
        #expect(other.graphCode == 100, "another account's id")
        #expect(graph.send("POST", host: "graph.instagram.com", "/v24.0/\(seoul)/media_publish", token: token, form: [("creation_id", "1789")]).graphSubcode == 2207008)
    }

    @Test func aContainerInProgressIsNotReadyAndThePublishingLimitCountsARollingDay() throws {
        let token = graph.instagramLongToken(account: "seoul.traveler")
        _ = graph.admin("PUT", "/__sandbox/graph/limits", #"{"publishing_limit": 2, "container_processing_seconds": 60}"#)
        let first = try #require(create(token, image: cdnURL("photo-gyeongbokgung")).object["id"] as? String)
        #expect(graph.send(host: "graph.instagram.com", "/v24.0/\(first)?fields=status_code,status", token: token).object["status_code"] as? String == "IN_PROGRESS")
        let early = graph.send("POST", host: "graph.instagram.com", "/v24.0/\(seoul)/media_publish", token: token, form: [("creation_id", first)])
        #expect(early.graphCode == 9007 && early.graphSubcode == 2207027)
        graph.advance(61)
        let publish = { (id: String) in graph.send("POST", host: "graph.instagram.com", "/v24.0/\(seoul)/media_publish", token: token, form: [("creation_id", id)]) }
        #expect(publish(first).status.code == 200)
        let second = try #require(create(token, image: cdnURL("photo-gyeongbokgung")).object["id"] as? String)
        graph.advance(61)
        #expect(publish(second).status.code == 200)
        let third = try #require(create(token, image: cdnURL("photo-gyeongbokgung")).object["id"] as? String)
        graph.advance(61)
        let limit = graph.send(host: "graph.instagram.com", "/v24.0/\(seoul)/content_publishing_limit?fields=quota_usage,config", token: token)
        let entry = (limit.object["data"] as? [[String: Any]])?.first
        #expect((entry?["quota_usage"] as? NSNumber)?.intValue == 2 && ((entry?["config"] as? [String: Any])?["quota_total"] as? NSNumber)?.intValue == 2)
        let refused = publish(third)
        #expect(refused.graphCode == 9 && refused.graphSubcode == 2207042)
        graph.advance(86_400 - 120)
        #expect(publish(third).status.code == 200, "the first post left the rolling day")
        graph.advance(86_400)
        let late = try #require(create(token, image: cdnURL("photo-gyeongbokgung")).object["id"] as? String)
        graph.advance(86_401)
        #expect(graph.send(host: "graph.instagram.com", "/v24.0/\(late)?fields=status_code", token: token).object["status_code"] as? String == "EXPIRED")
    }

    @Test func jpegDimensionsAreReadFromTheBytes() throws {
        let bytes = Array(try #require(FileManager.default.contents(atPath: TestSandbox.world.mediaDirectory + "/p03.jpg")))
        #expect(JPEGInfo.read(bytes) == JPEGInfo(width: 1080, height: 566))
        #expect(JPEGInfo.read(Array(bytes.prefix(20))) == nil && JPEGInfo.read(Array("GIF89a".utf8)) == nil)
    }
}
