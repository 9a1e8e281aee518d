import Foundation
import Testing
@testable import DownloadEngine

/// The structure checks a file passes before it is published: the sandbox world's real videos and photos pass,
/// the same files cut short (by 1 and 100 bytes, as a `Content-Length` that lied) or without `moov` do not.
@Suite("Media structure")
struct MediaStructureTests {
    static let media = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/InstagramSandbox/Worlds/default/media").path

    /// The problem `MediaStructure` finds in `bytes` stored as a file of `type`.
    func problem(_ bytes: [UInt8], type: String) throws -> String? {
        let path = NSTemporaryDirectory() + "instagate-structure-\(UUID().uuidString.prefix(8))"
        defer { unlink(path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        return MediaStructure.problem(fd: fd, size: Int64(bytes.count), contentType: type)
    }

    func fixture(_ name: String) throws -> [UInt8] {
        try #require(FileManager.default.contents(atPath: "\(Self.media)/\(name)").map(Array.init), "fixture \(name)")
    }

    @Test("whole videos pass, cut ones do not", arguments: ["v01.mp4", "v02.mp4", "v03.mp4", "v04.mp4"])
    func videos(_ name: String) throws {
        let video = try fixture(name)
        #expect(try problem(video, type: "video/mp4") == nil)
        #expect(try problem(video, type: "") == nil, "recognised by its signature without a type")
        for cut in [1, 100, video.count / 2] {
            let found = try problem(Array(video.dropLast(cut)), type: "video/mp4")
            #expect(found?.contains("MP4 box") == true, "\(name) cut by \(cut): \(found ?? "passed")")
        }
        #expect(try problem(video + [0, 0, 0], type: "video/mp4") != nil, "trailing bytes that are no box")
    }

    @Test("whole photos pass, cut ones do not", arguments: ["p01.jpg", "c01.jpg", "v01-cover.jpg"])
    func photos(_ name: String) throws {
        let photo = try fixture(name)
        #expect(try problem(photo, type: "image/jpeg") == nil)
        #expect(try problem(photo, type: "image/*") == nil)
        for cut in [1, 100] {
            #expect(try problem(Array(photo.dropLast(cut)), type: "image/jpeg") != nil, "\(name) cut by \(cut)")
        }
        #expect(try problem(Array("<html></html>".utf8), type: "image/jpeg") != nil)
    }

    @Test("an MP4 without moov, with a box of impossible size or a 64-bit size is judged by its boxes")
    func boxes() throws {
        func box(_ type: String, _ body: Int) -> [UInt8] {
            let size = UInt32(8 + body)
            return [UInt8(size >> 24), UInt8(size >> 16 & 255), UInt8(size >> 8 & 255), UInt8(size & 255)]
                + Array(type.utf8) + [UInt8](repeating: 7, count: body)
        }
        let ftyp = box("ftyp", 24)
        #expect(try problem(ftyp + box("mdat", 100), type: "video/mp4") == "MP4 without a moov box")
        #expect(try problem(ftyp + box("moov", 20) + box("mdat", 100), type: "video/mp4") == nil)
        #expect(try problem(box("moov", 20) + ftyp, type: "video/mp4") == "not an MP4 (no ftyp box first)")
        #expect(try problem(ftyp + [0, 0, 0, 4] + Array("moov".utf8), type: "video/mp4")?.contains("impossible size") == true)
        let large: [UInt8] = [0, 0, 0, 1] + Array("mdat".utf8) + [0, 0, 0, 0, 0, 0, 0, 24] + [UInt8](repeating: 1, count: 8)
        #expect(try problem(ftyp + box("moov", 4) + large, type: "video/mp4") == nil)
        #expect(try problem(ftyp + box("moov", 4) + large.dropLast(), type: "video/mp4") != nil)
        #expect(try problem(ftyp + box("moov", 4) + [0, 0, 0, 0] + Array("mdat".utf8) + [1, 2, 3], type: "video/mp4") == nil,
                "a last box of size 0 runs to the end")
    }

    @Test("types without a structure check pass on their size alone")
    func otherTypes() throws {
        #expect(try problem([1, 2, 3, 4, 5], type: "image/webp") == nil)
    }
}
