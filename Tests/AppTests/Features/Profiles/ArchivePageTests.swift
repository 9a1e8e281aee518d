import DownloadEngine
import Foundation
import Testing
@testable import App

/// The SSI page of a profile's archive: nginx's SSI filter must send exactly the ZIP's bytes, so no byte made
/// here may start an SSI command, and each member is one include of the internal files location.
struct ArchivePageTests {
    static let entries = [
        ZipEntry(name: "AAA/AAA_1.jpg", size: 10, crc32: 0x3C21_2D2D, modified: Date(timeIntervalSince1970: 0), source: "AAA/AAA_1.jpg"),
        ZipEntry(name: "BBB/BBB_1.mp4", size: 0x3C3C, crc32: 0x2321_2D3C, modified: Date(), source: "BBB/BBB_1.mp4"),
    ]

    @Test func everyMadeLessThanByteIsAnEchoAndEveryMemberAnInclude() {
        let pieces = ZipLayout().pieces(Self.entries)
        let page = String(decoding: ArchivePage.render(pieces), as: UTF8.self)
        let made = pieces.reduce(0) { count, piece in
            if case .bytes(let bytes) = piece { return count + bytes.filter { $0 == UInt8(ascii: "<") }.count }
            return count
        }
        #expect(made >= 4, "the CRCs and size above hold '<' bytes")
        #expect(page.components(separatedBy: #"<!--# echo var="zip_lt" encoding="none" -->"#).count - 1 == made)
        #expect(page.components(separatedBy: "<!--# include ").count - 1 == Self.entries.count)
        #expect(page.contains(#"<!--# include virtual="/__archive/files/BBB/BBB_1.mp4" -->"#))
        // Every '<' left starts one of the page's own commands, or is the value of its first (`set`).
        #expect(page.components(separatedBy: "<").count - 1 == made + Self.entries.count + 2)
    }

    @Test func onlyPlainNamesBecomeMembers() {
        #expect(ProfileArchive.isSafe("2024-01-01_ABC_1.jpg"))
        for name in ["", ".hidden", "a/b", "a b.jpg", "x\"y", String(repeating: "a", count: 201)] { #expect(!ProfileArchive.isSafe(name)) }
    }
}
