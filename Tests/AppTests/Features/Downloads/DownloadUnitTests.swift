import Foundation
import Testing
@testable import App

@Suite("Downloader pieces")
struct DownloadUnitTests {
    @Test("signed links match nginx's secure_link formula (openssl md5 | base64url, no padding)")
    func secureLink() {
        let signer = SecureLinkSigner(secret: "s3cret")
        #expect(signer.signature(uri: "/downloads/ABC/x.jpg", expires: 1_700_000_000) == "jGT2q9DQfCrYTttVfXIfkA")
        #expect(signer.link(base: "http://h", uri: "/downloads/ABC/x.jpg", expires: 1_700_000_000)
                == "http://h/downloads/ABC/x.jpg?md5=jGT2q9DQfCrYTttVfXIfkA&expires=1700000000")
    }
}
