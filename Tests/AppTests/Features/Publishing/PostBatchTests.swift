import Foundation
import TestSupport
import Testing
import Web
@testable import App

/// `account_ids` and `draft` on `POST /api/sns/instagram/posts` in-process: each bad id named by its index, the
/// list's bounds, `account_id` and `account_ids` not both; an unknown account in a batch a 404 naming it, with
/// nothing stored; a draft's fingerprint differs from the same post published.
@Suite(.needsStack)
struct PostBatchTests {
    let app = TestApplication(.router)

    func parse(_ json: String) throws -> PostRequest {
        try PostRequest.parse(MediaRequestTests.request(json))
    }

    func errors(_ json: String) -> [String: String] {
        MediaRequestTests.errors { try parse(json) }
    }

    @Test func badAccountIDsAreNamedByTheirIndex() throws {
        let batch = try parse(#"{"account_ids":[3,7],"image_url":"https://x.test/a.jpg"}"#)
        #expect(batch.accountIDs == [3, 7] && batch.accountID == 3 && batch.isBatch && !batch.isDraft)
        #expect(try parse(#"{"account_id":3,"image_url":"https://x.test/a.jpg"}"#).accountIDs == [3])
        let bad = errors(#"{"account_ids":[3,"x",-1,3,null],"image_url":"https://x.test/a.jpg"}"#)
        #expect(Set(bad.keys) == ["account_ids[1]", "account_ids[2]", "account_ids[3]", "account_ids[4]"], "\(bad)")
        #expect(bad["account_ids[3]"]?.contains("twice") == true)
        #expect(Set(errors(#"{"account_id":3,"account_ids":[4],"image_url":"https://x.test/a.jpg"}"#).keys) == ["account_id"])
        #expect(Set(errors(#"{"account_ids":[],"image_url":"https://x.test/a.jpg"}"#).keys) == ["account_ids"])
        let many = "[" + (1...26).map(String.init).joined(separator: ",") + "]"
        #expect(errors(#"{"account_ids":\#(many),"image_url":"https://x.test/a.jpg"}"#)["account_ids"]?.contains("1 to 25") == true)
        #expect(Set(errors(#"{"account_ids":[1,0],"caption":"\#(String(repeating: "x", count: 2201))"}"#).keys)
                == ["account_ids[1]", "image_url", "caption"])
    }

    /// Stories, reels and carousels take `account_ids` and `draft` as feed photos do, their bad ids named with their other problems.
    @Test func everyKindTakesAccountIDsAndDraft() throws {
        let request = MediaRequestTests.request
        let story = try StoryRequest.parse(request(#"{"account_ids":[3,7],"image_url":"https://x.test/a.jpg","draft":true}"#))
        #expect(story.accountIDs == [3, 7] && story.isBatch && story.isDraft && story.initialState == "draft")
        let reel = try ReelRequest.parse(request(#"{"account_ids":[5],"video_url":"https://x.test/v.mp4"}"#))
        #expect(reel.accountIDs == [5] && reel.isBatch && !reel.isDraft)
        let carousel = try CarouselRequest.parse(request(#"{"account_id":4,"draft":true,"items":[{"image_url":"https://x.test/a.jpg"},{"video_url":"https://x.test/v.mp4"}]}"#))
        #expect(carousel.accountIDs == [4] && !carousel.isBatch && carousel.isDraft)
        let published = try CarouselRequest.parse(request(#"{"account_id":4,"items":[{"image_url":"https://x.test/a.jpg"},{"video_url":"https://x.test/v.mp4"}]}"#))
        #expect(published.fingerprint != carousel.fingerprint, "a draft is another request for an Idempotency-Key")
        let badStory = MediaRequestTests.errors { try StoryRequest.parse(request(#"{"account_ids":[3,"x",3],"video_url":"ftp://x","draft":true}"#)) }
        #expect(Set(badStory.keys) == ["account_ids[1]", "account_ids[2]", "video_url"], "\(badStory)")
        let badReel = MediaRequestTests.errors { try ReelRequest.parse(request(#"{"account_id":1,"account_ids":[2],"video_url":"https://x.test/v.mp4","alt_text":"x"}"#)) }
        #expect(Set(badReel.keys) == ["account_id", "alt_text"], "\(badReel)")
        let badCarousel = MediaRequestTests.errors { try CarouselRequest.parse(request(#"{"account_ids":[],"items":[{"image_url":"https://x.test/a.jpg"}]}"#)) }
        #expect(Set(badCarousel.keys) == ["account_ids", "items"], "\(badCarousel)")
    }

    @Test func aBatchWithAnUnknownAccountIsA404NamingItAndStoresNothing() throws {
        let key = try app.newKey()
        let answer = try app.execute("POST", "/api/sns/instagram/posts", key: key,
                                     json: #"{"account_ids":[999999991,999999992],"image_url":"https://x.test/a.jpg"}"#)
        answer.expectEnvelope(404, "NOT_FOUND")
        #expect(Set((answer.json["errors"] as? [String: String] ?? [:]).keys) == ["account_ids[0]", "account_ids[1]"], "\(answer.json)")
        #expect(try app.execute("GET", "/api/sns/instagram/posts", key: key).json["count"] as? Int == 0)
    }

    @Test func aDraftIsCheckedAsAnyPostAndIsAnotherRequest() throws {
        let draft = try parse(#"{"account_id":3,"image_url":"https://x.test/a.jpg","draft":true}"#)
        let post = try parse(#"{"account_id":3,"image_url":"https://x.test/a.jpg"}"#)
        #expect(draft.isDraft && draft.initialState == "draft" && post.initialState == "queued")
        #expect(draft.fingerprint != post.fingerprint, "a draft and a post are different requests for an Idempotency-Key")
        #expect(Set(errors(#"{"account_id":3,"image_url":"ftp://x","draft":true,"caption":"\#(String(repeating: "x", count: 2201))"}"#).keys)
                == ["image_url", "caption"])
        #expect(Set(errors(#"{"account_id":3,"image_url":"https://x.test/a.jpg","draft":"yes"}"#).keys) == ["draft"])
    }
}
