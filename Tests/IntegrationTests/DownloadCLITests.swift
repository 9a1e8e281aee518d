import Foundation
import Testing

extension DownloadTests {
    @Test("instagate download writes the files and the metadata without the server; a bad URL fails with the field")
    func cli() throws {
        let directory = NSTemporaryDirectory() + "instagate-cli-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let code = try kit.shortcode("photo-first")
        let result = try TestStack.cli(["download", "https://www.instagram.com/p/\(code)/", "--out", directory, "--json"])
        #expect(result.status == 0, "\(result.err.suffix(500))")
        let metadata = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any] ?? [:]
        #expect(metadata["shortcode"] as? String == code)
        let files = metadata["files"] as? [[String: Any]] ?? []
        let name = try #require(files.first?["name"] as? String)
        #expect(FileManager.default.fileExists(atPath: "\(directory)/\(code)/\(name)"))
        #expect(FileManager.default.fileExists(atPath: "\(directory)/\(code)/\(code)_metadata.json"))
        #expect(!result.err.contains("\r"), "no progress bar when stderr is not a terminal")
        let bad = try TestStack.cli(["download", "https://evil.com/p/\(code)/", "--out", directory])
        #expect(bad.status != 0)
        #expect(bad.err.contains("URL"))
    }
}
