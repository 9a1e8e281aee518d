import Foundation
import Testing

/// The CDN host allow-list end to end (INSTAGATE_INSTAGRAM_CDN_HOSTS): media is fetched only from allowed hosts.
/// `instagate download` talks to the sandbox as `localhost`, so the media URLs it gets (the sandbox's public
/// URL, 127.0.0.1:PORT) are on another host than Instagram's web and API URLs, as a real CDN is.
extension DownloadTests {
    @Test("a CDN host outside INSTAGATE_INSTAGRAM_CDN_HOSTS is refused and nothing is written; allowed, the same download works")
    func cdnAllowList() throws {
        let sandbox = try #require(SandboxTestEnvironment.url)
        let port = try #require(sandbox.split(separator: ":").last.map(String.init))
        let code = try kit.shortcode("photo-garden-visit")
        let url = "https://www.instagram.com/p/\(code)/"
        let viaLocalhost = ["INSTAGATE_INSTAGRAM_WEB_URL": "http://localhost:\(port)", "INSTAGATE_INSTAGRAM_API_URL": "http://localhost:\(port)"]
        let refusedDir = NSTemporaryDirectory() + "instagate-allow-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: refusedDir) }
        let before = try kit.lastRequestSequence()
        let refused = try TestStack.cli(["download", url, "--out", refusedDir, "--json"],
                                        environment: viaLocalhost.merging(["INSTAGATE_INSTAGRAM_CDN_HOSTS": "*.cdninstagram.com,*.fbcdn.net"]) { $1 })
        #expect(refused.status != 0, "\(refused.out.prefix(300)) \(refused.err.suffix(300))")
        let files = (try? FileManager.default.subpathsOfDirectory(atPath: refusedDir)) ?? []
        #expect(!files.contains { $0.hasSuffix(".jpg") }, "no media written: \(files)")
        // The metadata was asked for (through localhost), the CDN never.
        let image = try #require(try kit.item("photo-garden-visit", 0)["image_cdn_path"] as? String)
        let cdnPath = image.hasPrefix("/") ? image : "/" + image
        #expect(try kit.requests(after: before, path: cdnPath).isEmpty, "the refused CDN host was contacted")
        #expect(!(try kit.requests(after: before, path: "/").isEmpty), "the sandbox was asked for the post")

        let allowedDir = NSTemporaryDirectory() + "instagate-allow-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: allowedDir) }
        let allowed = try TestStack.cli(["download", url, "--out", allowedDir, "--json"],
                                        environment: viaLocalhost.merging(["INSTAGATE_INSTAGRAM_CDN_HOSTS": "127.0.0.1:\(port)"]) { $1 })
        #expect(allowed.status == 0, "\(allowed.err.suffix(500))")
        let metadata = try JSONSerialization.jsonObject(with: Data(allowed.out.utf8)) as? [String: Any] ?? [:]
        let name = try #require((metadata["files"] as? [[String: Any]])?.first?["name"] as? String, "\(allowed.out.prefix(300))")
        let written = FileManager.default.contents(atPath: "\(allowedDir)/\(code)/\(name)").map { [UInt8]($0) }
        #expect(written == (try kit.cdnFile("photo-garden-visit", video: false)))
    }
}
