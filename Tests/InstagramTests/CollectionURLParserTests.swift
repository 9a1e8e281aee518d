import Foundation
import Testing
@testable import Instagram

/// Profile, stories and highlight links (issue 16); post links are not collections.
struct CollectionURLParserTests {
    let parser = CollectionURLParser()

    @Test(arguments: [
        ("https://www.instagram.com/seoul.traveler/", CollectionURL.profile(username: "seoul.traveler")),
        ("instagram.com/seoul.traveler?igsh=abc", .profile(username: "seoul.traveler")),
        ("https://www.instagram.com/stories/mina.kim/", .stories(username: "mina.kim", storyPK: nil)),
        ("https://www.instagram.com/stories/mina.kim/3456789012345678901/", .stories(username: "mina.kim", storyPK: "3456789012345678901")),
        ("https://www.instagram.com/stories/highlights/17900000000000001/", .highlight(id: "17900000000000001")),
        ("https://www.instagram.com/s/aGlnaGxpZ2h0OjE3OTAwMDAwMDAwMDAwMDAx?story_media_id=1", .highlight(id: "17900000000000001")),
    ])
    func collections(_ text: String, _ expected: CollectionURL) throws {
        #expect(try parser.parse(text) == expected)
    }

    @Test func postsAndOtherPagesAreNotCollections() throws {
        #expect(try parser.parse("https://www.instagram.com/p/BqvsDleB3lV/") == nil)
        #expect(try parser.parse("https://www.instagram.com/explore/") == nil)
        #expect(try parser.parse("https://example.com/seoul.traveler/") == nil)
    }

    @Test func malformedStoryLinksNameTheField() {
        #expect(throws: PostURLError.self) { try parser.parse("https://www.instagram.com/stories/mina.kim/notanumber/") }
        #expect(throws: PostURLError.self) { try parser.parse("https://www.instagram.com/stories/highlights/abc/") }
        #expect(throws: PostURLError.self) { try parser.parse("https://www.instagram.com/s/bm90YWhpZ2hsaWdodA") }
        let bare = #expect(throws: PostURLError.self) { try parser.parse("https://www.instagram.com/stories/") }
        #expect(bare?.message.contains("/stories/USERNAME/") == true, "a stories link without a name says what one looks like")
    }

    @Test func aPostSectionWithAnEmptySegmentIsNotAProfile() throws {
        for text in ["https://www.instagram.com/p//", "https://www.instagram.com/reel//", "https://www.instagram.com/reels//",
                     "https://www.instagram.com/tv//"] {
            #expect(try parser.parse(text) == nil, "\(text) is a post link with no shortcode, not the profile of an account named after it")
        }
        #expect(try parser.parse("https://www.instagram.com//seoul.traveler/") == .profile(username: "seoul.traveler"))
    }

    @Test func canonicalURLsParseBackToThemselves() throws {
        for target in [CollectionURL.profile(username: "a.b"), .stories(username: "a.b", storyPK: "12"), .highlight(id: "99")] {
            #expect(try parser.parse(target.canonicalURL) == target)
        }
    }
}
