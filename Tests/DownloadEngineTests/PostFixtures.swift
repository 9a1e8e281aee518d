import Foundation
@testable import Instagram

/// Posts for the engine's tests.
enum PostFixtures {
    static func post(items: [MediaItem]) -> InstagramPost {
        InstagramPost(shortcode: "Chunk8-jurw", mediaID: "1_2", pk: "1", type: items.count > 1 ? .carousel : .photo,
                      productType: "feed", url: "u", caption: nil, hashtags: [], mentions: [], likeCount: nil, commentCount: nil,
                      viewCount: nil, playCount: nil, author: .init(id: "2", username: "a"),
                      takenAt: Date(timeIntervalSince1970: 1_661_529_231), location: nil, accessibilityCaption: nil,
                      width: nil, height: nil, duration: nil, items: items)
    }
}
