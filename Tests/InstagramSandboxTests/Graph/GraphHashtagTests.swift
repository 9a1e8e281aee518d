import Foundation
import Testing
import Web
@testable import InstagramSandbox

/// Hashtag search: the id, the node, top and recent media, and Meta's 30 unique hashtags per account per 7 days.
struct GraphHashtagTests {
    let graph = GraphTestClient()
    let seoul = "17841400820017301"

    @Test func topMediaAreThePublicTaggedPostsMostLikedFirst() throws {
        let token = graph.facebookLongToken()
        let found = graph.send(host: "graph.facebook.com", "/v24.0/ig_hashtag_search?user_id=\(seoul)&q=travel", token: token)
        let id = try #require((found.object["data"] as? [[String: Any]])?.first?["id"] as? String)
        let node = graph.send(host: "graph.facebook.com", "/v24.0/\(id)?fields=id,name", token: token)
        #expect(node.object["name"] as? String == "travel" && node.object["id"] as? String == id)
        let top = graph.send(host: "graph.facebook.com", "/v24.0/\(id)/top_media?user_id=\(seoul)&fields=id,caption,like_count&limit=50", token: token)
        let items = try #require(top.object["data"] as? [[String: Any]])
        let world = TestSandbox.world
        let expected = world.posts.values.filter { !$0.deleted && world.user(pk: $0.ownerPK)?.isPrivate == false
            && ($0.caption?.lowercased().contains("#travel") ?? false) }
        #expect(items.count == expected.count && !items.isEmpty)
        let likes = items.compactMap { ($0["like_count"] as? NSNumber)?.intValue }
        #expect(likes == likes.sorted(by: >) && items.allSatisfy { ($0["caption"] as? String)?.lowercased().contains("#travel") == true })
        let recent = graph.send(host: "graph.facebook.com", "/v24.0/\(id)/recent_media?user_id=\(seoul)", token: token)
        #expect((recent.object["data"] as? [Any])?.isEmpty == true)
        #expect(graph.send(host: "graph.facebook.com", "/v24.0/\(id)/top_media?user_id=\(seoul)&fields=username", token: token).graphCode == 100)
    }

    @Test func thirtyUniqueHashtagsAWeekThenTheThirtyFirstIsRefused() {
        let token = graph.facebookLongToken()
        let search = { (tag: String) in graph.send(host: "graph.facebook.com", "/v24.0/ig_hashtag_search?user_id=\(seoul)&q=\(tag)", token: token) }
        for index in 1...30 { #expect(search("tag\(index)").status.code == 200) }
        let refused = search("tag31")
        #expect(refused.status.code == 400 && refused.graphCode == 100)
        #expect(search("tag1").status.code == 200, "a repeated hashtag does not count again")
        let recent = graph.send(host: "graph.facebook.com", "/v24.0/\(seoul)/recently_searched_hashtags", token: token)
        #expect((recent.object["data"] as? [Any])?.count == 30)
        graph.advance(7 * 86_400 + 1)
        #expect(search("tag31").status.code == 200)
        #expect(search("여행").status.code == 200 && search("%F0%9F%98%80").graphCode == 100)
        let instagram = graph.send(host: "graph.instagram.com", "/v24.0/ig_hashtag_search?user_id=\(seoul)&q=x", token: graph.instagramLongToken(account: "seoul.traveler"))
        #expect(instagram.graphCode == 3)
    }
}
