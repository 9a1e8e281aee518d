import Foundation
@testable import Instagram
import Testing
import Web
@testable import DownloadEngine

/// The metadata file written byte by byte (`DownloadMetadata.json`) is the bytes Foundation's encoder gives with the
/// same settings, pretty (the file) and compact (the row): posts with every field absent and every field given,
/// text that needs escaping, fractional seconds and durations, empty and full lists.
@Suite("Download metadata JSON")
struct DownloadMetadataJSONTests {
    static let awkward = "q\"uo\\te/slash\nline\ttab\r\u{01}\u{1F}\u{7F} 서울 🌆 \u{2028}end é"

    /// A post with nothing optional given: the post's figures are `null`, nothing else absent is written.
    static var bare: DownloadMetadata {
        DownloadMetadata(post: PostFixtures.post(items: [MediaItem(index: 1, kind: .photo, imageURL: "i")]), files: [],
                         downloadedAt: Date(timeIntervalSince1970: 0))
    }

    /// A carousel with every field given, text that needs escaping, fractional times.
    static var full: DownloadMetadata {
        var post = PostFixtures.post(items: [
            MediaItem(index: 1, kind: .photo, pk: "31", imageURL: "https://cdn.test/a.jpg?oe=1&sig=x/y", width: 1080, height: 1350,
                      accessibilityCaption: awkward),
            MediaItem(index: 2, kind: .video, pk: "32", imageURL: "https://cdn.test/b.jpg", videoURL: "https://cdn.test/b.mp4",
                      width: 720, height: 1280, duration: 15.033),
            MediaItem(index: 3, kind: .video, imageURL: "https://cdn.test/c.jpg", videoURL: "https://cdn.test/c.mp4", duration: 12),
        ])
        post.productType = "carousel_container"
        post.caption = awkward + " #여행 @friend"
        post.hashtags = ["여행", "seoul"]
        post.mentions = ["friend", "a.b_c"]
        post.likeCount = 1_234_567
        post.commentCount = 0
        post.viewCount = 9_007_199_254_740_993
        post.playCount = -1
        post.author = .init(id: "17841400000000001", username: "seoul.traveler", fullName: awkward, isVerified: true, isPrivate: false)
        post.takenAt = Date(timeIntervalSince1970: 1_661_529_231.999)
        post.location = .init(id: "213385402", name: "서울 \"Seoul\"")
        post.accessibilityCaption = "Photo by seoul.traveler"
        post.width = 1080
        post.height = 1350
        post.duration = 0.1
        let files = [
            DownloadedFile(name: "Chunk8-jurw_1.jpg", kind: .photo, index: 1, size: 123_456, sha256: String(repeating: "ab", count: 32),
                           crc32: 4_294_967_295, contentType: "image/jpeg", width: 1080, height: 1350),
            DownloadedFile(name: "Chunk8-jurw_2.mp4", kind: .video, index: 2, size: 9_876_543_210, sha256: "00", crc32: 0,
                           contentType: "video/mp4"),
            DownloadedFile(name: "Chunk8-jurw_2.jpg", kind: .thumbnail, index: 2, size: 1, sha256: "ff", contentType: "image/jpeg"),
        ]
        return DownloadMetadata(post: post, files: files, downloadedAt: Date(timeIntervalSince1970: 1_765_000_000.123_456),
                                selectedIndex: 2)
    }

    /// Some given, some not: the other half of each optional.
    static var mixed: DownloadMetadata {
        var metadata = full
        metadata.post.author = .init(id: "2", username: "a", fullName: nil, isVerified: false, isPrivate: nil)
        metadata.post.location = nil
        metadata.post.caption = ""
        metadata.post.hashtags = []
        metadata.post.type = .video
        metadata.post.productType = "clips"
        metadata.post.items = []
        metadata.selectedIndex = nil
        metadata.downloadedAt = Date(timeIntervalSince1970: -86_401.5)
        return metadata
    }

    @Test("the writer's bytes are Foundation's", arguments: [bare, full, mixed], [true, false])
    func sameBytes(metadata: DownloadMetadata, pretty: Bool) throws {
        let foundation = try DownloadMetadata.encoder(pretty: pretty).encode(metadata)
        let written = metadata.json(pretty: pretty)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: foundation, as: UTF8.self))
        #expect(try DownloadMetadata.decoder().decode(DownloadMetadata.self, from: Data(written)) == metadata.wholeSeconds)
    }
}

extension DownloadMetadata {
    /// The metadata as it reads back: ISO 8601 dates keep whole seconds.
    var wholeSeconds: DownloadMetadata {
        var copy = self
        copy.downloadedAt = Date(timeIntervalSince1970: downloadedAt.timeIntervalSince1970.rounded(.down))
        copy.post.takenAt = Date(timeIntervalSince1970: post.takenAt.timeIntervalSince1970.rounded(.down))
        return copy
    }
}
