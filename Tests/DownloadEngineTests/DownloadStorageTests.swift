import Foundation
@testable import Instagram
import Testing
@testable import DownloadEngine

/// What the storage finds on disk: a stored post only when every file is there at its size, leftovers by age.
@Suite("Download storage")
struct DownloadStorageTests {
    let root = NSTemporaryDirectory() + "instagate-storage-\(UUID().uuidString.prefix(8))"
    var storage: DownloadStorage { DownloadStorage(settings: DownloadSettings(directory: root, secureLinkSecretFile: "/dev/null")) }

    /// Writes a finished post of two carousel items (files "a.jpg" 3 bytes, "b.jpg" 5 bytes) and its metadata.
    func writePost(_ shortcode: String, selectedIndex: Int? = nil) throws -> DownloadMetadata {
        let post = PostFixtures.post(items: [MediaItem(index: 1, kind: .photo, imageURL: "a"), MediaItem(index: 2, kind: .photo, imageURL: "b")])
        let files = [DownloadedFile(name: "a.jpg", kind: .photo, index: 1, size: 3, sha256: "x", contentType: "image/jpeg"),
                     DownloadedFile(name: "b.jpg", kind: .photo, index: 2, size: 5, sha256: "y", contentType: "image/jpeg")]
        let metadata = DownloadMetadata(post: post, files: files, downloadedAt: Date(timeIntervalSince1970: 1_700_000_000),
                                        selectedIndex: selectedIndex)
        let directory = storage.settings.postDirectory(shortcode)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in files { try Data(repeating: 1, count: Int(file.size)).write(to: URL(fileURLWithPath: "\(directory)/\(file.name)")) }
        try DownloadMetadata.encoder().encode(metadata)
            .write(to: URL(fileURLWithPath: "\(directory)/\(DownloadMetadata.fileName(shortcode))"))
        return metadata
    }

    @Test func aCompletePostIsStoredAndAnItemOfIt() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let metadata = try writePost("CODE")
        #expect(storage.stored(shortcode: "CODE", item: nil) == metadata)
        let item = try #require(storage.stored(shortcode: "CODE", item: 2))
        #expect(item.files.map(\.name) == ["b.jpg"] && item.selectedIndex == 2)
        #expect(storage.stored(shortcode: "OTHER", item: nil) == nil)
    }

    @Test func aMissingOrShortFileOrAnotherSelectionIsNotStored() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try writePost("CUT")
        try Data([1]).write(to: URL(fileURLWithPath: "\(storage.settings.postDirectory("CUT"))/b.jpg"))
        #expect(storage.stored(shortcode: "CUT", item: nil) == nil)
        #expect(storage.stored(shortcode: "CUT", item: 1) != nil, "item 1 is complete")
        _ = try writePost("ONE", selectedIndex: 1)
        #expect(storage.stored(shortcode: "ONE", item: nil) == nil, "a download of item 1 is not the whole post")
        #expect(storage.stored(shortcode: "ONE", item: 2) == nil)
    }

    @Test func leftoversAreFoundByAgeAndRemoved() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try writePost("OLD")
        _ = try writePost("NEW")
        for name in ["STALE", "FRESH"] {
            try FileManager.default.createDirectory(atPath: storage.settings.partialDirectory(name), withIntermediateDirectories: true)
        }
        let old = Date().addingTimeInterval(-7200)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: storage.settings.postDirectory("OLD"))
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: storage.settings.partialDirectory("STALE"))
        #expect(storage.postDirectories(olderThan: 3600) == ["OLD"], "not .partial, not the fresh post")
        #expect(storage.partialDirectories(olderThan: 3600) == ["STALE"])
        #expect(try storage.removePost("OLD"))
        #expect(try !storage.removePost("OLD"))
        try storage.removePartial("STALE")
        #expect(storage.partialDirectories(olderThan: 0).sorted() == ["FRESH"])
    }
}
