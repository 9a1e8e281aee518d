import Foundation
import Instagram
import Testing

@Suite("Media parser")
struct MediaParserTests {
    func parse(_ text: String) throws -> InstagramPost {
        try MediaParser.post(fromAnswer: Array(text.utf8))
    }

    @Test("a v1 reel: best video by resolution then bitrate, best thumbnail, counts, author, location")
    func v1Reel() throws {
        let post = try parse(MediaFixtures.v1Reel)
        #expect(post.shortcode == "Chunk8-jurw")
        #expect(post.mediaID == "2913440072144448240_25025320")
        #expect(post.type == .video && post.isReel)
        #expect(post.url == "https://www.instagram.com/reel/Chunk8-jurw/")
        #expect(post.items.count == 1)
        #expect(post.items[0].videoURL == "https://cdn/v720-high.mp4")
        #expect(post.items[0].imageURL == "https://cdn/thumb1080.jpg")
        #expect(post.likeCount == 123456 && post.commentCount == 1234)
        #expect(post.playCount == 4500000)
        #expect(post.viewCount == nil)
        #expect(post.author == InstagramPost.Author(id: "25025320", username: "instagram", fullName: "Instagram",
                                                     isVerified: true, isPrivate: false))
        #expect(post.takenAt == Date(timeIntervalSince1970: 1661529231))
        #expect(post.location == InstagramPost.Location(id: "214424288", name: "Hong Kong"))
        #expect(post.duration == 5.016 && post.width == 1080 && post.height == 1920)
        #expect(post.hashtags == ["여행", "café", "a_b"])
        #expect(post.mentions == ["user.name_1"])
    }

    @Test("a v1 carousel keeps every item in order; hidden likes are null, not 0")
    func v1Carousel() throws {
        let post = try parse(MediaFixtures.v1Carousel)
        #expect(post.type == .carousel)
        #expect(post.items.map(\.kind) == [.photo, .video, .photo])
        #expect(post.items.map(\.index) == [1, 2, 3])
        #expect(post.items[1].videoURL == "https://cdn/2.mp4")
        #expect(post.items[1].imageURL == "https://cdn/2-thumb.jpg")
        #expect(post.items[1].duration == 12.1)
        #expect(post.items[2].imageURL == "https://cdn/3.jpg")
        #expect(post.items[0].accessibilityCaption == "A temple")
        #expect(post.likeCount == nil)
        #expect(post.commentCount == 0)
        #expect(post.caption == nil && post.hashtags.isEmpty)
        #expect(post.location == nil)
        #expect(post.author.fullName == "서울 여행자")
    }

    @Test("a Graph sidecar: children in order, -1 likes read as hidden, display_resources best")
    func graphSidecar() throws {
        let post = try parse(MediaFixtures.graphSidecar)
        #expect(post.type == .carousel)
        #expect(post.mediaID == "1875629777499953996_25025320")
        #expect(post.items.map(\.kind) == [.video, .photo])
        #expect(post.items[0].videoURL == "https://cdn/v.mp4")
        #expect(post.items[1].imageURL == "https://cdn/i1080.jpg")
        #expect(post.likeCount == nil)
        #expect(post.commentCount == 31)
        #expect(post.hashtags == ["café"] && post.mentions == ["mina.kim"])
        #expect(post.location?.name == "Hong Kong")
    }

    @Test("a Graph video (XDT name): view count, null play count, igtv URL")
    func graphVideo() throws {
        let post = try parse(MediaFixtures.graphVideo)
        #expect(post.type == .video)
        #expect(post.viewCount == 1000 && post.playCount == nil)
        #expect(post.likeCount == 77 && post.commentCount == 5)
        #expect(post.url == "https://www.instagram.com/tv/B-fKL9qpeab/")
        #expect(post.items[0].duration == 30.2)
        #expect(post.author.fullName == nil)
    }

    @Test("empty roots are not found; garbage is a bad response", arguments: [
        ("{\"items\":[],\"status\":\"ok\"}", InstagramError.Code.notFound),
        ("{\"data\":{\"xdt_shortcode_media\":null},\"status\":\"ok\"}", .notFound),
        ("{\"data\":{\"xdt_api__v1__media__shortcode__web_info\":{\"items\":[]}}}", .notFound),
        ("<html>login</html>", .badResponse),
        ("{\"status\":\"ok\"}", .badResponse),
        ("{\"items\":[{\"pk\":\"1\",\"code\":\"B\",\"media_type\":1,\"taken_at\":1,\"user\":{\"pk\":1,\"username\":\"u\"}}]}", .badResponse),
    ])
    func failures(_ body: String, _ code: InstagramError.Code) {
        #expect(throws: InstagramError.self) {
            do { _ = try parse(body) } catch let error as InstagramError {
                #expect(error.code == code)
                throw error
            }
        }
    }

    @Test("the metadata JSON keeps Korean readable and nulls explicit")
    func encoding() throws {
        let post = try parse(MediaFixtures.v1Carousel)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(post), as: UTF8.self)
        #expect(text.contains("서울 여행자"))
        #expect(text.contains("\"like_count\":null"))
    }
}
