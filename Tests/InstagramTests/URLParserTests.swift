import Instagram
import Testing

@Suite("Post URL parser")
struct URLParserTests {
    struct Accepted: Sendable, CustomStringConvertible {
        var url: String
        var code: String
        var kind: PostURL.Kind = .post
        var username: String?
        var imageIndex: Int?
        var description: String { url }
    }

    static let accepted: [Accepted] = [
        Accepted(url: "https://www.instagram.com/p/BqvsDleB3lV/", code: "BqvsDleB3lV"),
        Accepted(url: "https://www.instagram.com/p/BqvsDleB3lV", code: "BqvsDleB3lV"),
        Accepted(url: "https://instagram.com/p/aye83DjauH/?foo=bar#abc", code: "aye83DjauH"),
        Accepted(url: "http://instagram.com/p/9o6LshA7zy/embed/", code: "9o6LshA7zy"),
        Accepted(url: "https://www.instagram.com/p/Cop84x6u7CP/embed/captioned/", code: "Cop84x6u7CP"),
        Accepted(url: "https://www.instagram.com/reel/Chunk8-jurw/", code: "Chunk8-jurw", kind: .reel),
        Accepted(url: "https://www.instagram.com/reels/Cop84x6u7CP/", code: "Cop84x6u7CP", kind: .reel),
        Accepted(url: "https://www.instagram.com/tv/BkfuX9UB-eK/", code: "BkfuX9UB-eK", kind: .tv),
        Accepted(url: "https://www.instagram.com/marvelskies.fc/reel/CWqAgUZgCku/", code: "CWqAgUZgCku", kind: .reel, username: "marvelskies.fc"),
        Accepted(url: "https://www.instagram.com/dm/p/CW042g7B9CY/", code: "CW042g7B9CY", username: "dm"),
        Accepted(url: "https://www.instagram.com/p/B-fKL9qpeab/?igshid=1xm76zkq7o1im", code: "B-fKL9qpeab"),
        Accepted(url: "https://www.instagram.com/p/C6q-XdvsU5v/?img_index=2", code: "C6q-XdvsU5v", imageIndex: 2),
        Accepted(url: "https://www.instagram.com/p/C6q-XdvsU5v/?igsh=abc&img_index=3#x", code: "C6q-XdvsU5v", imageIndex: 3),
        Accepted(url: "https://www.instagram.com/reel/DHbVbT4Jx0c/?utm_source=ig_web_copy_link&igsh=MzRlODBiNWFlZA==",
                 code: "DHbVbT4Jx0c", kind: .reel),
        Accepted(url: "www.instagram.com/p/BqvsDleB3lV/", code: "BqvsDleB3lV"),
        Accepted(url: "instagram.com/p/BqvsDleB3lV", code: "BqvsDleB3lV"),
        Accepted(url: "https://m.instagram.com/p/BqvsDleB3lV/", code: "BqvsDleB3lV"),
        Accepted(url: "https://instagr.am/p/BqvsDleB3lV/", code: "BqvsDleB3lV"),
        Accepted(url: "HTTPS://WWW.Instagram.COM/p/BqvsDleB3lV/", code: "BqvsDleB3lV"),
        Accepted(url: "  https://www.instagram.com/p/BqvsDleB3lV/\n", code: "BqvsDleB3lV"),
        Accepted(url: "https://www.instagram.com/p/CCQQsCXjOaBfS3I2PpqsNkxElV9DXj61vzo5xs0/",
                 code: "CCQQsCXjOaBfS3I2PpqsNkxElV9DXj61vzo5xs0"),
        Accepted(url: "https://www.instagram.com/seoul.traveler/p/BqvsDleB3lV/?utm_source=x#frag", code: "BqvsDleB3lV",
                 username: "seoul.traveler"),
    ]

    @Test("accepts every documented form", arguments: accepted)
    func acceptsForm(_ example: Accepted) throws {
        let post = try PostURLParser().parse(example.url)
        #expect(post.code == example.code)
        #expect(post.kind == example.kind)
        #expect(post.username == example.username)
        #expect(post.imageIndex == example.imageIndex)
    }

    @Test("a private-share code maps to the post's first 11 characters")
    func shareCode() throws {
        let post = try PostURLParser().parse("https://www.instagram.com/p/CCQQsCXjOaBfS3I2PpqsNkxElV9DXj61vzo5xs0/")
        #expect(post.shortcode == "CCQQsCXjOaB")
        #expect(post.mediaPK == 2346448800803776129)
        #expect(post.canonicalURL == "https://www.instagram.com/p/CCQQsCXjOaB/")
    }

    static let rejected: [(String, PostURLError.Reason)] = [
        ("", .empty),
        ("   ", .empty),
        ("not a url", .notAURL),
        ("javascript:alert(1)", .scheme),
        ("JavaScript://www.instagram.com/p/BqvsDleB3lV/", .scheme),
        ("data:text/html,hi", .scheme),
        ("ftp://www.instagram.com/p/BqvsDleB3lV/", .scheme),
        ("file:///etc/passwd", .scheme),
        ("mailto:someone@instagram.com", .scheme),
        ("https://user:pass@www.instagram.com/p/BqvsDleB3lV/", .credentials),
        ("https://user@www.instagram.com/p/BqvsDleB3lV/", .credentials),
        ("https://www.instagram.com:8080/p/BqvsDleB3lV/", .port),
        ("https://evil.com/p/BqvsDleB3lV/", .host),
        ("https://www.instagram.com.evil.com/p/BqvsDleB3lV/", .host),
        ("https://ddinstagram.com/p/BqvsDleB3lV/", .host),
        ("https://scontent.cdninstagram.com/p/BqvsDleB3lV/", .host),
        ("https://127.0.0.1/p/BqvsDleB3lV/", .host),
        ("https:///p/BqvsDleB3lV/", .notAURL),
        ("https:www.instagram.com/p/BqvsDleB3lV/", .notAURL),
        ("https://www.instagram.com/", .unsupportedPath),
        ("https://www.instagram.com", .unsupportedPath),
        ("https://www.instagram.com/seoul.traveler/", .profile),
        ("https://www.instagram.com/stories/seoul.traveler/3592559363503889692/", .story),
        ("https://www.instagram.com/explore/tags/seoul/", .unsupportedPath),
        ("https://www.instagram.com/p/", .shortcode),
        ("https://www.instagram.com/p/Bqvs%44leB3lV/", .shortcode),
        ("https://www.instagram.com/p/Bqvs.DleB3lV/", .shortcode),
        ("https://www.instagram.com/p/BqvsDleB3lVBqvsDleB3lV/", .shortcode),
        ("https://www.instagram.com/p/AAAAAAAAAAA/", .shortcode),
        ("https://www.instagram.com/p/__________________/", .shortcode),
        ("https://www.instagram.com/reels/audio/123456/", .unsupportedPath),
        ("https://www.instagram.com/p/BqvsDleB3lV/comments/", .unsupportedPath),
        ("https://www.instagram.com/p//BqvsDleB3lV/", .unsupportedPath),
        ("https://www.instagram.com/a/b/c/BqvsDleB3lV/", .unsupportedPath),
        ("https://www.instagram.com/p/BqvsDleB3lV/?img_index=0", .imageIndex),
        ("https://www.instagram.com/p/BqvsDleB3lV/?img_index=abc", .imageIndex),
        ("https://www.instagram.com/p/BqvsDleB3lV/?img_index=21", .imageIndex),
        ("https://www.instagram.com/p/BqvsDleB3lV/?img_index=-1", .imageIndex),
        ("https://www.instagram.com/p/Bqvs DleB3lV/", .notAURL),
        ("https://www.instagram.com/p/BqvsDleB3lV/\u{0}", .notAURL),
        ("https:\\\\www.instagram.com\\p\\BqvsDleB3lV", .notAURL),
        ("https://www.instagram.com/p/" + String(repeating: "A", count: 3000), .tooLong),
        ("https://www.instagram.com/p/여행/", .shortcode),
        ("https://www.instagram.com/this-is-not-a-username!/p/BqvsDleB3lV/", .unsupportedPath),
    ]

    @Test("rejects malformed input with a typed error naming the field", arguments: rejected)
    func rejects(_ input: String, _ reason: PostURLError.Reason) {
        do {
            let post = try PostURLParser(field: "url").parse(input)
            Issue.record("accepted \(input.prefix(80)) as \(post)")
        } catch {
            #expect(error.reason == reason, "\(input.prefix(80)) → \(error)")
            #expect(error.field == "url")
            #expect(!error.message.isEmpty)
        }
    }

    @Test("the field name is the caller's")
    func fieldName() {
        #expect(throws: PostURLError(field: "urls[2]", .host, "must be an instagram.com or instagr.am URL (got host \"x.com\")")) {
            try PostURLParser(field: "urls[2]").parse("https://x.com/p/BqvsDleB3lV/")
        }
    }
}
