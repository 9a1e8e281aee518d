import Crypto
import DownloadEngine
import Foundation
import TestSupport
import Testing

/// `ZipLayout` against Python's `zipfile`: the made bytes around the members' files form an archive whose members
/// are the files, byte for byte, with the right CRC-32s, with and without ZIP64 fields.
@Suite struct ZipLayoutTests {
    /// Files of several sizes (one empty) in a temporary directory.
    static func files() throws -> (directory: String, entries: [ZipEntry]) {
        let directory = NSTemporaryDirectory() + "ziplayout-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var entries: [ZipEntry] = []
        for (number, size) in [0, 1, 60, 70_000, 1_000_003].enumerated() {
            var bytes = [UInt8](repeating: 0, count: size)
            for position in bytes.indices { bytes[position] = UInt8.random(in: 0...255) }
            let name = "CODE\(number)/file_\(number).bin"
            try FileManager.default.createDirectory(atPath: "\(directory)/CODE\(number)", withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: "\(directory)/\(name)", contents: Data(bytes))
            entries.append(ZipEntry(name: name, size: Int64(size), crc32: FileChecksum.crc32(bytes),
                                    modified: Date(timeIntervalSince1970: 1_765_000_000), source: name))
        }
        return (directory, entries)
    }

    /// The archive's bytes: the made pieces, each file piece replaced by the file (what nginx does).
    static func assemble(_ pieces: [ZipLayout.Piece], directory: String) -> [UInt8] {
        pieces.flatMap { piece -> [UInt8] in
            switch piece {
            case .bytes(let bytes): bytes
            case .file(let entry): FileManager.default.contents(atPath: "\(directory)/\(entry.source)").map(Array.init) ?? []
            }
        }
    }

    @Test(arguments: [Int64(0xFFFF_FFFF), 0])
    func pythonReadsEveryMemberBackWithItsCRC(zip64Threshold: Int64) throws {
        let (directory, entries) = try Self.files()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pieces = ZipLayout(zip64Threshold: zip64Threshold).pieces(entries)
        let archive = Self.assemble(pieces, directory: directory)
        #expect(Int64(archive.count) == ZipLayout.length(of: pieces))
        let path = "\(directory)/archive.zip"
        FileManager.default.createFile(atPath: path, contents: Data(archive))
        let check = try PythonZipCheck(path: path)
        #expect(check.problem == nil)
        let expected = try entries.map { entry in
            let bytes = try #require(FileManager.default.contents(atPath: "\(directory)/\(entry.source)"))
            return PythonZipCheck.Member(name: entry.name, size: entry.size,
                                         sha256: SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
        }
        #expect(check.members == expected)
        #expect(archive.count > 4 && archive[archive.count - 22] == 0x50, "ends with the end of central directory record")
        if zip64Threshold == 0 { #expect(Self.contains(Array(archive.suffix(200)), [0x50, 0x4B, 0x06, 0x06]), "a ZIP64 end record") }
    }

    @Test func aCorruptedMemberIsFoundByItsCRC() throws {
        let (directory, entries) = try Self.files()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var wrong = entries
        wrong[3].crc32 ^= 1
        let path = "\(directory)/archive.zip"
        FileManager.default.createFile(atPath: path, contents: Data(Self.assemble(ZipLayout().pieces(wrong), directory: directory)))
        #expect(try PythonZipCheck(path: path).problem == entries[3].name)
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { Array(bytes[$0..<$0 + needle.count]) == needle }
    }
}
