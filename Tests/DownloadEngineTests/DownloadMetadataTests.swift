import Foundation
@testable import Instagram
import Testing
@testable import DownloadEngine

@Suite("Download metadata")
struct DownloadMetadataTests {
    @Test("metadata JSON round-trips and keeps Korean unescaped")
    func metadata() throws {
        var post = PostFixtures.post(items: [MediaItem(index: 1, kind: .photo, imageURL: "i")])
        post.caption = "서울 #여행"
        let metadata = DownloadMetadata(post: post, files: [DownloadedFile(name: "f.jpg", kind: .photo, index: 1, size: 3,
                                                                           sha256: "ab", contentType: "image/jpeg")],
                                        downloadedAt: Date(timeIntervalSince1970: 1_700_000_000))
        let data = try DownloadMetadata.encoder().encode(metadata)
        #expect(String(decoding: data, as: UTF8.self).contains("서울 #여행"))
        #expect(try DownloadMetadata.decoder().decode(DownloadMetadata.self, from: data) == metadata)
    }
}
