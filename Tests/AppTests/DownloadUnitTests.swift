import Foundation
import Testing
@testable import App
@testable import Instagram

@Suite("Downloader pieces")
struct DownloadUnitTests {
    @Test("signed links match nginx's secure_link formula (openssl md5 | base64url, no padding)")
    func secureLink() {
        let signer = SecureLinkSigner(secret: "s3cret")
        #expect(signer.signature(uri: "/downloads/ABC/x.jpg", expires: 1_700_000_000) == "jGT2q9DQfCrYTttVfXIfkA")
        #expect(signer.link(base: "http://h", uri: "/downloads/ABC/x.jpg", expires: 1_700_000_000)
                == "http://h/downloads/ABC/x.jpg?md5=jGT2q9DQfCrYTttVfXIfkA&expires=1700000000")
    }

    static func post(items: [MediaItem]) -> InstagramPost {
        InstagramPost(shortcode: "Chunk8-jurw", mediaID: "1_2", pk: "1", type: items.count > 1 ? .carousel : .photo,
                      productType: "feed", url: "u", caption: nil, hashtags: [], mentions: [], likeCount: nil, commentCount: nil,
                      viewCount: nil, playCount: nil, author: .init(id: "2", username: "a"),
                      takenAt: Date(timeIntervalSince1970: 1_661_529_231), location: nil, accessibilityCaption: nil,
                      width: nil, height: nil, duration: nil, items: items)
    }

    @Test("file names: {date}_{shortcode}.jpg, carousel items numbered, video thumbnails")
    func names() {
        let single = DownloadPlan(post: Self.post(items: [MediaItem(index: 1, kind: .photo, imageURL: "i")]), selecting: nil)
        #expect(single.entries.map(\.name) == ["2022-08-26_15-53-51_Chunk8-jurw.jpg"])
        let carousel = DownloadPlan(post: Self.post(items: [
            MediaItem(index: 1, kind: .photo, imageURL: "a"),
            MediaItem(index: 2, kind: .video, imageURL: "b", videoURL: "v"),
        ]), selecting: nil)
        #expect(carousel.entries.map(\.name) == ["2022-08-26_15-53-51_Chunk8-jurw_1.jpg", "2022-08-26_15-53-51_Chunk8-jurw_2.mp4",
                                                 "2022-08-26_15-53-51_Chunk8-jurw_2_thumbnail.jpg"])
        #expect(carousel.entries.map(\.typePrefix) == ["image/", "video/", "image/"])
        let selected = DownloadPlan(post: Self.post(items: [
            MediaItem(index: 1, kind: .photo, imageURL: "a"), MediaItem(index: 2, kind: .photo, imageURL: "b"),
        ]), selecting: 2)
        #expect(selected.entries.map(\.url) == ["b"])
    }

    @Test("Content-Range headers", arguments: [
        ("bytes 100-199/200", Int64(100), Int64(200)),
        ("bytes */5000", nil, 5000),
    ])
    func contentRange(_ header: String, _ start: Int64?, _ total: Int64?) {
        let range = ContentRange(header)
        #expect(range?.start == start && range?.total == total)
    }

    @Test("metadata JSON round-trips and keeps Korean unescaped")
    func metadata() throws {
        var post = Self.post(items: [MediaItem(index: 1, kind: .photo, imageURL: "i")])
        post.caption = "서울 #여행"
        let metadata = DownloadMetadata(post: post, files: [DownloadedFile(name: "f.jpg", kind: .photo, index: 1, size: 3,
                                                                           sha256: "ab", contentType: "image/jpeg")],
                                        downloadedAt: Date(timeIntervalSince1970: 1_700_000_000))
        let data = try DownloadMetadata.encoder().encode(metadata)
        #expect(String(decoding: data, as: UTF8.self).contains("서울 #여행"))
        #expect(try DownloadMetadata.decoder().decode(DownloadMetadata.self, from: data) == metadata)
    }
}
