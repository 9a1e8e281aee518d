import Foundation
import Testing

extension DownloadTests {
    @Test("instagate download writes the files and the metadata without the server, plain progress lines off a terminal; a bad URL fails with the field")
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
        #expect(!result.err.contains("\r") && !result.err.contains("\u{1B}"), "no progress bar when stderr is not a terminal")
        #expect(result.err.split(separator: "\n").contains { $0.hasPrefix("downloaded \(name) (photo, ") }, "\(result.err)")
        let bad = try TestStack.cli(["download", "https://evil.com/p/\(code)/", "--out", directory])
        #expect(bad.status != 0)
        #expect(bad.err.contains("URL"))
    }

    @Test("instagate download --session USERNAME fetches a private post with the saved session; without it, login required")
    func cliWithSession() throws {
        let directory = NSTemporaryDirectory() + "instagate-cli-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let key = try TestStack.newKey()
        #expect(try kit.saveSession("mina.kim", key: key).status == 201)
        let code = try kit.shortcode("garden-roses")
        let url = "https://www.instagram.com/p/\(code)/"
        let anonymous = try TestStack.cli(["download", url, "--out", directory])
        #expect(anonymous.status != 0)
        #expect(anonymous.err.contains("LOGIN_REQUIRED") || anonymous.err.lowercased().contains("login"), "\(anonymous.err)")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/\(code)/\(code)_metadata.json"))
        let result = try TestStack.cli(["download", url, "--out", directory, "--session", "mina.kim"])
        #expect(result.status == 0, "\(result.err.suffix(500))")
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 2, "one photo and the metadata file: \(result.out)")
        let photo = try #require(lines.first?.split(separator: "\t").first.map(String.init))
        let bytes = try #require(FileManager.default.contents(atPath: photo))
        #expect(lines.first?.contains("sha256 \(DownloadTestKit.sha256(Array(bytes)))") == true)
        #expect(Array(bytes) == (try kit.cdnFile("garden-roses", video: false)))
    }
}
