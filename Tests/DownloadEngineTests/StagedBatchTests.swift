import Foundation
@testable import Instagram
import Testing
@testable import DownloadEngine

/// A batch of staged posts (a collection's page): invisible until published, then stored whole (into a directory of
/// the post that exists already too); a batch with a staged file missing publishes nothing.
@Suite("Staged batch")
struct StagedBatchTests {
    let root = NSTemporaryDirectory() + "instagate-staged-\(UUID().uuidString.prefix(8))"
    var settings: DownloadSettings { DownloadSettings(directory: root, secureLinkSecretFile: "/dev/null") }

    /// A post of one 4-byte photo staged in its partial directory, as `PostDownloader.stage` leaves it.
    func stage(_ shortcode: String, writeFile: Bool = true) throws -> StagedPost {
        var post = PostFixtures.post(items: [MediaItem(index: 1, kind: .photo, imageURL: "a")])
        post.shortcode = shortcode
        let file = DownloadedFile(name: "\(shortcode).jpg", kind: .photo, index: 1, size: 4, sha256: "x", contentType: "image/jpeg")
        let metadata = DownloadMetadata(post: post, files: [file], downloadedAt: Date(timeIntervalSince1970: 1_700_000_000))
        let partial = settings.partialDirectory(shortcode)
        try FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: true)
        if writeFile { try Data([1, 2, 3, 4]).write(to: URL(fileURLWithPath: "\(partial)/\(file.name)")) }
        try PostDownloader.writeMetadata(metadata, into: partial, sync: false)
        return StagedPost(metadata: metadata, partial: partial)
    }

    @Test func stagedPostsAreInvisibleUntilPublishedThenStoredWhole() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let posts = try ["ONE", "TWO", "THREE"].map { try stage($0) }
        let storage = DownloadStorage(settings: settings)
        #expect(posts.allSatisfy { storage.stored(shortcode: $0.metadata.post.shortcode, item: nil) == nil })
        try StagedBatch.publish(posts, settings: settings)
        for post in posts {
            #expect(storage.stored(shortcode: post.metadata.post.shortcode, item: nil) == post.metadata)
            #expect(!FileManager.default.fileExists(atPath: post.partial), "the partial directory is gone")
        }
    }

    @Test func aPostWhoseDirectoryExistsHasItsFilesMovedIntoIt() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let kept = settings.postDirectory("ITEM")
        try FileManager.default.createDirectory(atPath: kept, withIntermediateDirectories: true)
        try Data([9]).write(to: URL(fileURLWithPath: "\(kept)/other.jpg")) // e.g. a carousel item downloaded alone before
        let post = try stage("ITEM")
        try StagedBatch.publish([post], settings: settings)
        #expect(DownloadStorage(settings: settings).stored(shortcode: "ITEM", item: nil) == post.metadata)
        #expect(FileManager.default.fileExists(atPath: "\(kept)/other.jpg"), "what was there stays")
        #expect(!FileManager.default.fileExists(atPath: post.partial))
    }

    @Test func aBatchWithAStagedFileMissingPublishesNothing() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let posts = [try stage("GOOD"), try stage("BROKEN", writeFile: false)]
        #expect(throws: DownloadError.self) { try StagedBatch.publish(posts, settings: settings) }
        let storage = DownloadStorage(settings: settings)
        #expect(storage.stored(shortcode: "GOOD", item: nil) == nil)
        #expect(!FileManager.default.fileExists(atPath: settings.postDirectory("GOOD")))
    }
}
