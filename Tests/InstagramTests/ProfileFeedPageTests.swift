import Testing
@testable import Instagram

/// The posts tab page (facts §4.3): v1 items as nodes, the next cursor, pinned posts told apart.
struct ProfileFeedPageTests {
    static func node(_ code: String, pk: String, takenAt: Int, pinned: Bool) -> String {
        """
        {"node":{"pk":"\(pk)","id":"\(pk)_7","code":"\(code)","media_type":1,"taken_at":\(takenAt),
          "user":{"pk":"7","username":"seoul.traveler"},"timeline_pinned_user_ids":\(pinned ? "[7]" : "[]"),
          "image_versions2":{"candidates":[{"width":1080,"height":1080,"url":"https://cdn/\(code).jpg"}]}},"cursor":"\(pk)_7"}
        """
    }

    @Test func pinnedPostsAreMarkedAndTheCursorRead() throws {
        let body = """
        {"data":{"xdt_api__v1__feed__user_timeline_graphql_connection":{"edges":[
          \(Self.node("OldPinned01", pk: "100", takenAt: 1_600_000_000, pinned: true)),
          \(Self.node("NewestPost1", pk: "300", takenAt: 1_700_000_000, pinned: false))],
          "page_info":{"has_next_page":true,"end_cursor":"300_7"}}},"extensions":{"is_final":true}}
        """
        let page = try InstagramWebClient.parseProfilePostsPage(Array(body.utf8))
        #expect(page.posts.map(\.shortcode) == ["OldPinned01", "NewestPost1"])
        #expect(page.pinned == ["OldPinned01"] && page.nextCursor == "300_7")
    }

    @Test func anEmptyPageThatClaimsMoreIsABadResponse() {
        let body = #"{"data":{"xdt_api__v1__feed__user_timeline_graphql_connection":{"edges":[],"page_info":{"has_next_page":true,"end_cursor":"x"}}}}"#
        #expect(throws: InstagramError.self) { try InstagramWebClient.parseProfilePostsPage(Array(body.utf8)) }
        #expect(throws: InstagramError.self) { try InstagramWebClient.parseProfilePostsPage(Array(#"{"data":null}"#.utf8)) }
    }
}
