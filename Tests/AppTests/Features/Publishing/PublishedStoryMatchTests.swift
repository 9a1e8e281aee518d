import Foundation
import Instagram
import Testing
@testable import App

/// Which live story a lost `media_publish` made: of the post's kind, posted since the publish was asked for (less
/// the clocks' skew), recorded by no other post, the newest.
struct PublishedStoryMatchTests {
    func story(_ id: String, _ type: String, _ time: String) throws -> GraphMedia {
        try JSONDecoder().decode(GraphMedia.self, from: Data(#"{"id":"\#(id)","media_type":"\#(type)","timestamp":"\#(time)"}"#.utf8))
    }

    @Test func theNewestUnclaimedStoryOfItsKindSinceThePublishIsIt() throws {
        let asked = try #require(PublishedStoryMatch.date("2026-12-06T18:00:00+0000"))
        let stories = [try story("1", "IMAGE", "2026-12-06T09:00:00+0000"),  // hours before: another story
                       try story("2", "VIDEO", "2026-12-06T18:00:01+0000"),  // a video
                       try story("3", "IMAGE", "2026-12-06T17:55:30+0000"),  // within the skew, claimed by another post
                       try story("4", "IMAGE", "2026-12-06T18:00:02+0000"),
                       try story("5", "IMAGE", "2026-12-06T18:00:09+0000")]
        let photo = PublishedStoryMatch(requestedAt: asked, isVideo: false)
        #expect(photo.match(stories, claimed: ["3"]) == "5", "the newest unclaimed one")
        #expect(photo.match(stories, claimed: ["3", "5"]) == "4")
        #expect(photo.match(Array(stories.prefix(3)), claimed: []) == "3",
                "Meta's clock may be a little behind ours: a story 4 min 30 s before the publish is still it")
        #expect(photo.match(Array(stories.prefix(3)) + [try story("7", "IMAGE", "2026-12-06T19:30:00+0000")], claimed: []) == "7",
                "Meta's clock an hour ahead of ours (the sandbox's, moved by a test): the newest, not the one nearest our time")
        #expect(PublishedStoryMatch(requestedAt: asked, isVideo: true).match(stories, claimed: []) == "2")
        #expect(photo.match(Array(stories.prefix(1)), claimed: []) == nil, "a story from before the publish is not it")
        #expect(photo.match([try story("6", "IMAGE", "not a time")], claimed: []) == nil)
    }
}
