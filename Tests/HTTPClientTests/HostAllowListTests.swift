import Testing
@testable import HTTPClient

@Suite struct HostAllowListTests {
    let list = HostAllowList(parsing: "*.cdninstagram.com, www.instagram.com,127.0.0.1:8081")

    @Test(arguments: ["https://scontent-icn2-1.cdninstagram.com/v/t51/x.jpg?oe=1", "https://www.instagram.com/p/abc/",
                      "http://127.0.0.1:8081/api/v1/x", "HTTPS://WWW.INSTAGRAM.COM/"])
    func allows(url: String) {
        #expect(list.allows(url))
    }

    @Test(arguments: ["https://cdninstagram.com/x", "https://evil.com/?u=https://www.instagram.com",
                      "https://www.instagram.com.evil.com/", "https://evilcdninstagram.com/x", "http://127.0.0.1:8082/",
                      "http://127.0.0.1/", "ftp://www.instagram.com/", "https://user:pw@www.instagram.com/",
                      "https://www.instagram.com@evil.com/", "javascript:alert(1)", "www.instagram.com/p/x", ""])
    func refuses(url: String) {
        #expect(!list.allows(url))
    }

    @Test func redactsQueryStrings() {
        #expect(URLParts("https://x.test:8443/a/b?token=secret#f")?.redacted == "https://x.test:8443/a/b")
        #expect(HTTPClientError(.timeout, "t", url: "https://x.test/p?sessionid=1").url == "https://x.test/p")
    }

    /// Scheme, host, port and path as a request sends them, whatever the case, the fragment or a missing path.
    @Test func partsOfAURL() throws {
        let cdn = try #require(URLParts("HTTPS://Scontent-ICN2-1.CDNinstagram.com/v/t51/서울.jpg?oe=1&x=a:b@c#frag"))
        #expect(cdn == URLParts(scheme: "https", host: "scontent-icn2-1.cdninstagram.com", port: nil,
                                pathAndQuery: "/v/t51/서울.jpg?oe=1&x=a:b@c"))
        #expect(URLParts("http://127.0.0.1:8081")?.hostAndPort == "127.0.0.1:8081")
        #expect(URLParts("http://127.0.0.1:8081")?.pathAndQuery == "/")
        #expect(URLParts("http://host.test?q=1")?.pathAndQuery == "/?q=1")
        #expect(URLParts("http://host.test#top")?.pathAndQuery == "/")
        #expect(URLParts("http://[::1]:8080/x")?.host == "[::1]")
        #expect(URLParts("http://[::1]:8080/x")?.port == 8080)
        #expect(URLParts("http://[::1]/x")?.hostAndPort == "[::1]")
        #expect(URLParts("https://www.instagram.com/?next=https://evil.test/")?.host == "www.instagram.com")
    }

    /// Anything but an http(s) URL with a host is no URL to call: no credentials, a port in range.
    @Test(arguments: ["", "http://", "http:///path", "https://:443/", "http://host.test:/", "http://host.test:0/",
                      "http://host.test:65536/", "http://host.test:8o/", "http://u@host.test/", "file:///etc/passwd",
                      "ftp://host.test/", "host.test/path", "http:/host.test/", "javascript://%0aalert(1)"])
    func notAURLToCall(url: String) {
        #expect(URLParts(url) == nil)
    }

    @Test func backoffIsJitteredAndCapped() {
        let client = HTTPClient(configuration: HTTPClientConfiguration(retryBaseDelay: 0.5, maxRetryDelay: 2))
        let delays = (1...200).map { client.backoff(min(6, 1 + $0 % 6)) }
        #expect(delays.allSatisfy { $0 >= 0 && $0 <= 2 })
        #expect(Set(delays.map { ($0 * 1000).rounded() }).count > 50, "delays are randomised")
        #expect((1...50).map { _ in client.backoff(1) }.allSatisfy { $0 <= 0.5 })
    }
}
