import Foundation
import HTTPClient
import Testing
import TestSupport

/// The post lookup is a POST only by protocol (`/api/graphql` with a read-only query): one Instagram 5xx on it is
/// retried with backoff like a CDN file, instead of an immediate 502 (issues 11 and 12).
@Suite(.threaded, .needsStackAndSandbox)
struct PostLookupRetryTests {
    @Test func oneInstagram500OnThePostLookupIsRetried() throws {
        let kit = DownloadTestKit()
        let key = try TestStack.newKey()
        let before = try kit.lastRequestSequence()
        let id = try kit.fault(#"{"kind":"status","status":500,"path":"/api/graphql","method":"POST","count":1}"#)
        defer { try? kit.removeFault(id) }
        let answer = try kit.download("photo-gyeongbokgung", apiKey: key, extra: #","refresh":true"#)
        #expect(answer.status == 200, "\(answer.status) \(answer.text.prefix(300))")
        // The fault fired (on this lookup or on another test's: either way a single 500 must not fail a download).
        #expect(try kit.firedFaults(after: before, path: "/api/graphql", kind: "status").count == 1)
    }
}
