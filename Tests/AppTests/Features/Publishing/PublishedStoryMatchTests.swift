import Foundation
import Instagram
import Testing
@testable import App

/// Which live story a lost `media_publish` made: with the live stories read before the publish, the first posted of
/// those not among them; without, of the post's kind, posted since the publish was asked for (less the clocks'
/// skew), recorded by no other post, the newest.
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

    @Test func withTheStoriesReadBeforeThePublishTheFirstNewOneIsIt() throws {
        let asked = try #require(PublishedStoryMatch.date("2026-12-06T18:00:00+0000"))
        let stories = [try story("1", "IMAGE", "2026-12-06T17:59:50+0000"),  // live before the publish
                       try story("2", "IMAGE", "2026-12-06T18:00:01+0000"),  // ours
                       try story("3", "VIDEO", "2026-12-06T18:00:01+0000"),  // a video
                       try story("4", "IMAGE", "2026-12-06T18:00:02+0000")]  // someone else's, posted after ours
        let exact = PublishedStoryMatch(requestedAt: asked, isVideo: false, before: ["1"])
        #expect(exact.match(stories, claimed: []) == "2", "not the newest: the one posted first after the list was read")
        #expect(PublishedStoryMatch(requestedAt: asked, isVideo: false).match(stories, claimed: []) == "4",
                "without the list, the fallback takes the newest (the case the list is for)")
        #expect(exact.match(stories, claimed: ["2"]) == "4", "one another post recorded is not it")
        #expect(exact.match(Array(stories.prefix(1)), claimed: []) == nil, "nothing new: not found (yet)")
        let late = PublishedStoryMatch(requestedAt: asked.addingTimeInterval(7200), isVideo: false, before: ["1"])
        #expect(late.match(stories, claimed: []) == "2", "Meta's clock hours behind ours: the list decides, not the time")
        #expect(PublishedStoryMatch(requestedAt: asked, isVideo: true, before: ["1"]).match(stories, claimed: []) == "3")
        let untimed = [try story("8", "IMAGE", "no time"), try story("9", "IMAGE", "no time")]
        #expect(exact.match(untimed, claimed: []) == "8", "without times, the earlier in Meta's list (oldest first)")
    }
}
