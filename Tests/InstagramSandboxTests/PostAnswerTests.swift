import Foundation
import Testing
import Web
@testable import InstagramSandbox

/// A post through each method clients use, and the answers for missing, deleted and private posts.
struct PostAnswerTests {
    let sandbox = TestSandbox()

    @Test func mediaInfoHasTheV1ItemShape() throws {
        let post = sandbox.post("carousel-jeju")
        let answer = sandbox.logged("GET", "/api/v1/media/\(post.pk)/info/")
        #expect(answer.status.code == 200)
        let item = try #require((answer.object["items"] as? [[String: Any]])?.first)
        #expect(item["code"] as? String == post.shortcode)
        #expect(item["id"] as? String == post.mediaID)
        #expect(JSONInput.int(item["media_type"]) == 8)
        #expect(item["product_type"] as? String == "carousel_container")
        let children = try #require(item["carousel_media"] as? [[String: Any]])
        #expect(children.map { JSONInput.int($0["media_type"]) } == [1, 2, 1])
        let candidates = try #require((children[0]["image_versions2"] as? [String: Any])?["candidates"] as? [[String: Any]])
        #expect(JSONInput.int(candidates[0]["width"]) == 1080)
        let url = try #require(candidates[0]["url"] as? String)
        #expect(url.hasPrefix("http://sandbox.test/v/t51.2885-15/") && url.contains("&oh=00_") && url.contains("&oe="))
        #expect(answer.object["status"] as? String == "ok")
    }

    @Test func ownerSuffixedIDsAreAccepted() {
        let post = sandbox.post("photo-gyeongbokgung")
        #expect(sandbox.logged("GET", "/api/v1/media/\(post.mediaID)/info/").status.code == 200)
        #expect(sandbox.logged("GET", "/api/v1/media/\(post.pk)_1/info/").status.code == 400)
    }

    @Test(arguments: ["photo-deleted", "garden-roses"])
    func unavailableMediaIs400(key: String) {
        let answer = sandbox.logged("GET", "/api/v1/media/\(sandbox.post(key).pk)/info/")
        #expect(answer.status.code == 400)
        #expect(["Media not found or unavailable", "Not authorized to view user"].contains(answer.object["message"] as? String))
        #expect(answer.object["status"] as? String == "fail")
    }

    @Test func malformedIDsAreAnsweredNotCrashed() {
        #expect(sandbox.logged("GET", "/api/v1/media/abc/info/").object["message"] as? String == "Invalid media_id")
        #expect(sandbox.logged("GET", "/api/v1/media/%ZZ/info/").status.code == 404)
        #expect(sandbox.logged("GET", "/api/v1/media/1/info/").status.code == 400)
    }

    @Test func docIDQueryAnswersWebInfo() throws {
        let post = sandbox.post("reel-hangang")
        let body = "doc_id=27128499623469141&variables=%7B%22shortcode%22%3A%22\(post.shortcode)%22%7D&server_timestamps=true&lsd=x"
        let answer = sandbox.send("POST", "/api/graphql", body: body)
        let data = try #require(answer.object["data"] as? [String: Any])
        let items = try #require((data["xdt_api__v1__media__shortcode__web_info"] as? [String: Any])?["items"] as? [[String: Any]])
        #expect(items.first?["code"] as? String == post.shortcode)
        #expect(JSONInput.int(items.first?["play_count"]) == 1_234_567)
        #expect(answer.object["status"] == nil)
    }

    @Test func queryHashAnswersGraphShape() throws {
        let post = sandbox.post("carousel-ten")
        let answer = sandbox.send("GET", "/graphql/query/?query_hash=9f8827793ef34641b2fb195d4d41151c&variables=%7B%22shortcode%22%3A%22\(post.shortcode)%22%7D")
        let media = try #require((answer.object["data"] as? [String: Any])?["shortcode_media"] as? [String: Any])
        #expect(media["__typename"] as? String == "GraphSidecar")
        #expect(((media["edge_sidecar_to_children"] as? [String: Any])?["edges"] as? [Any])?.count == 10)
        #expect(answer.object["status"] as? String == "ok")
    }

    @Test func unknownAndPrivatePostsAreNullInGraphQL() throws {
        let missing = sandbox.send("GET", "/graphql/query/?query_hash=9f8827793ef34641b2fb195d4d41151c&variables=%7B%22shortcode%22%3A%22AAAAAAAAAAB%22%7D")
        #expect((missing.object["data"] as? [String: Any])?["shortcode_media"] is NSNull)
        let unknownDoc = sandbox.send("POST", "/graphql/query", body: "doc_id=1&variables=%7B%7D")
        #expect(unknownDoc.object["errors"] != nil && unknownDoc.object["status"] as? String == "fail")
    }

    @Test func legacyAParameterNeedsLogin() {
        let post = sandbox.post("photo-gyeongbokgung")
        let anonymous = sandbox.send("GET", "/p/\(post.shortcode)/?__a=1&__d=dis")
        #expect(anonymous.status.code == 302)
        #expect(anonymous.headers["Location"]?.hasPrefix("http://sandbox.test/accounts/login/?next=") == true)
        #expect(sandbox.logged("GET", "/p/\(post.shortcode)/?__a=1&__d=dis").object["items"] != nil)
    }

    @Test func pagesEmbedTheirData() {
        let post = sandbox.post("video-busan")
        let page = sandbox.send("GET", "/p/\(post.shortcode)/")
        #expect(page.status.code == 200 && page.text.contains("xig_polaris_media") && page.text.contains(" data-sjs>"))
        #expect(sandbox.send("GET", "/p/\(post.shortcode)/embed/captioned/").text.contains("\"init\",[],[{"))
        #expect(sandbox.send("GET", "/p/AAAAAAAAAAB/").status.code == 404)
        let start = sandbox.send("GET", "/")
        #expect(start.text.contains(" id=\"__eqmc\"") && start.text.contains("[\"LSD\",[],{\"token\":\"") && start.text.contains("\"IG_USER_EIMU\":\"0\""))
        #expect(start.headers.values("Set-Cookie").contains { $0.hasPrefix("csrftoken=") })
    }
}

