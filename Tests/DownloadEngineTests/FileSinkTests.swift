import Crypto
import Foundation
import Testing
@testable import DownloadEngine

/// The streaming sink's bookkeeping: whatever the chunks and cut-backs, the SHA-256 its hasher thread reports
/// is the SHA-256 of the bytes the file ends with.
@Suite("File sink")
struct FileSinkTests {
    static func hex(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }

    static func temporaryPath() -> String { NSTemporaryDirectory() + "instagate-sink-\(UUID().uuidString.prefix(8)).part" }

    func write(_ sink: FileSink, _ bytes: ArraySlice<UInt8>) {
        #expect(bytes.withUnsafeBytes { sink.write($0) })
    }

    @Test("chunks of every size, a cut-back below what was hashed, then more: the digest is of the final bytes")
    func digestFollowsTruncation() throws {
        let path = Self.temporaryPath()
        defer { unlink(path) }
        var data = [UInt8](repeating: 0, count: 5 << 20)
        arc4random_buf(&data, data.count)
        let sink = try FileSink(path: path)
        var offset = 0
        for size in [1, 7, 4096, 300_000, 1 << 20, 2 << 20] {
            write(sink, data[offset..<offset + size])
            offset += size
        }
        sink.truncate(to: 1_000_000) // an error body or a broken attempt dropped
        write(sink, data[1_000_000..<data.count])
        #expect(sink.size == Int64(data.count))
        let digest = try sink.finish()
        #expect(digest.sha256 == Self.hex(data))
        #expect(digest.crc32 == Self.crc32(data), "the CRC-32 starts over with the hash when the file is cut back")
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == data)
    }

    @Test("a small file announced by its length is hashed as it arrives: cut back to 0 or part-way, the digest is still of the final bytes")
    func inlineDigestFollowsTruncation() throws {
        var data = [UInt8](repeating: 0, count: 300_000)
        arc4random_buf(&data, data.count)
        for cut in [nil, 0, 123_457] as [Int?] {
            let path = Self.temporaryPath()
            defer { unlink(path) }
            let sink = try FileSink(path: path)
            #expect(sink.reserve(Int64(data.count)))
            write(sink, data[0..<200_000])
            if let cut {
                sink.truncate(to: Int64(cut)) // a broken attempt: from 0 again, or continued from what was kept
                write(sink, data[cut..<200_000])
            }
            write(sink, data[200_000...])
            let digest = try sink.finish(sync: false)
            #expect(digest.sha256 == Self.hex(data), "cut at \(cut.map(String.init) ?? "none")")
            #expect(digest.crc32 == Self.crc32(data))
        }
    }

    @Test("resuming a partial file keeps its bytes and hashes them again")
    func resume() throws {
        let path = Self.temporaryPath()
        defer { unlink(path) }
        let data = Array((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        do {
            let first = try FileSink(path: path)
            write(first, data[0..<1_234_567])
        }
        let resumed = try FileSink(path: path, resume: true)
        #expect(resumed.size == 1_234_567)
        write(resumed, data[1_234_567...])
        let digest = try resumed.finish()
        #expect(digest.sha256 == Self.hex(data) && digest.crc32 == Self.crc32(data))
        let empty = try FileSink(path: path)
        #expect(empty.size == 0)
    }

    @Test("space reserved for the expected length leaves the file's size at what was written, so a partial file still resumes where it stopped")
    func reservationKeepsTheSize() throws {
        let path = Self.temporaryPath()
        defer { unlink(path) }
        let data = Array((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        do {
            let sink = try FileSink(path: path)
            #expect(sink.reserve(8 << 20))
            write(sink, data[0..<40_000])
            var info = stat()
            #expect(stat(path, &info) == 0 && info.st_size == 40_000)
        }
        let resumed = try FileSink(path: path, resume: true)
        #expect(resumed.size == 40_000)
        #expect(resumed.reserve(60_000))
        write(resumed, data[40_000...])
        #expect(try resumed.finish().sha256 == Self.hex(data))
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == data)
    }

    @Test("a large file's blocks are allocated before its first byte; a small file's are only checked against the free space")
    func onlyLargeFilesAreAllocatedAhead() throws {
        for (count, allocated) in [(Int64(8 << 20), true), (Int64(40_000), false)] {
            let path = Self.temporaryPath()
            defer { unlink(path) }
            let sink = try FileSink(path: path)
            #expect(sink.reserve(count))
            var file = stat()
            #expect(stat(path, &file) == 0 && file.st_size == 0)
            #expect((Int64(file.st_blocks) * 512 >= count) == allocated, "\(count) bytes: \(file.st_blocks) blocks")
        }
    }

    @Test("a reservation larger than the free space refuses the download before its first byte, and takes no space")
    func reservationBeyondTheDiskFails() throws {
        let path = Self.temporaryPath()
        defer { unlink(path) }
        let sink = try FileSink(path: path)
        var disk = statvfs()
        #expect(statvfs(NSTemporaryDirectory(), &disk) == 0)
        let free = Int64(disk.f_bavail) * Int64(disk.f_frsize)
        #expect(!sink.reserve(free + (1 << 30)))
        #expect(sink.failure?.contains("no space left") == true)
        #expect(sink.size == 0)
        var file = stat()
        #expect(stat(path, &file) == 0 && file.st_blocks == 0, "nothing was allocated for the refused reservation")
    }

    /// The ZIP CRC-32, bit by bit (the reference the shim's zlib call is checked against).
    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
