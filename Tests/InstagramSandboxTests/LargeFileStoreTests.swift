import Foundation
import Testing
@testable import InstagramSandbox

/// The generated large videos are whole MP4s by their top-level boxes (`ftyp`, `moov` with its `mvhd`, `mdat` to
/// the end): the downloader's structure check accepts them, and a cut one is told apart.
@Suite("Large files")
struct LargeFileStoreTests {
    /// The top-level boxes of `bytes` as (type, size), reading only box headers.
    func boxes(_ bytes: [UInt8], total: Int) -> [(String, Int)] {
        var offset = 0
        var found: [(String, Int)] = []
        while offset + 8 <= bytes.count {
            let size = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            found.append((String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self), size))
            guard size >= 8 else { break }
            offset += size
        }
        return found
    }

    @Test("ftyp, moov (one mvhd) and an mdat that runs exactly to the end", arguments: [33_554_432, 524_288_000, 4096])
    func header(_ total: Int) {
        let header = LargeFileStore.header(total: total)
        let found = boxes(header, total: total)
        #expect(found.map(\.0) == ["ftyp", "moov", "mdat"])
        #expect(found.reduce(0) { $0 + $1.1 } == total, "the boxes add up to the file's size")
        #expect(String(decoding: header[44..<48], as: UTF8.self) == "mvhd")
        #expect(LargeFileStore.movieHeader.count == 100)
    }

    @Test("a generated file is made again when its header is an older one (no moov)")
    func staleHeaderIsRegenerated() throws {
        let directory = NSTemporaryDirectory() + "sandbox-files-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = LargeFileStore(directory: directory)
        let file = GeneratedFile(name: "small.mp4", bytes: 4096, seed: 3)
        let path = try store.ensure(file)
        #expect(store.isCurrent(path, file))
        var old = [UInt8](repeating: 0, count: 4096)
        old[4..<8] = ArraySlice("ftyp".utf8)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(old)))
        #expect(!store.isCurrent(path, file))
        _ = try store.ensure(file)
        #expect(store.isCurrent(path, file))
    }
}
