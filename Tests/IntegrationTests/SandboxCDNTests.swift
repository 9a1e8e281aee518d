import Foundation
import HTTPClient
import Testing

/// The sandbox CDN and faults through nginx: real bytes, Range, validators, signatures, injected failures.
@Suite(.threaded, .needsSandbox, .serialized)
struct SandboxCDNTests {
    let sandbox = SandboxTestClient()

    func url(_ query: String) throws -> String {
        try #require(try sandbox.admin("GET", "/__sandbox/cdn/url?\(query)")["url"] as? String)
    }

    @Test func servesRealFilesWithRangesAndValidators() throws {
        let address = try url("post=reel-hangang&video=1") // (not video-busan: DownloadTests arms faults on its video)
        let whole = try sandbox.send("GET", address)
        #expect(whole.status == 200 && whole.header("Content-Type") == "video/mp4")
        #expect(Array(whole.body[4..<8]) == Array("ftyp".utf8))
        #expect(whole.header("ETag") != nil && whole.header("Last-Modified") != nil && whole.header("Accept-Ranges") == "bytes")
        let part = try sandbox.send("GET", address, headers: [("Range", "bytes=10-")])
        #expect(part.status == 206 && part.header("Content-Range") == "bytes 10-\(whole.body.count - 1)/\(whole.body.count)")
        #expect(part.body == Array(whole.body[10...]))
        let head = try sandbox.send("HEAD", address)
        #expect(head.header("Content-Length") == String(whole.body.count))
        let photo = try sandbox.send("GET", try url("post=photo-gyeongbokgung"))
        #expect(Array(photo.body.prefix(3)) == [0xFF, 0xD8, 0xFF] && photo.header("Content-Type") == "image/jpeg")
    }

    @Test func expiredOrTamperedURLsAre403() throws {
        let expired = try sandbox.send("GET", try url("post=photo-sea&expires=1700000000"))
        #expect(expired.status == 403 && expired.text == "URL signature expired")
        let tampered = try sandbox.send("GET", try url("post=photo-sea").replacingOccurrences(of: "oh=00_", with: "oh=00_x"))
        #expect(tampered.status == 403)
    }

    @Test func faultsApplyThroughNginx() throws {
        _ = try sandbox.admin("POST", "/__sandbox/faults", #"{"kind":"status","status":503,"path":"/explore/locations/","count":1}"#)
        #expect(try sandbox.send("GET", "/explore/locations/213385402/").status == 503)
        #expect(try sandbox.send("GET", "/explore/locations/213385402/").status == 200)

        // libcurl retries once on a reused connection that closes without an answer, so arm two resets.
        _ = try sandbox.admin("POST", "/__sandbox/faults", #"{"kind":"reset","path":"/explore/locations/","count":2}"#)
        #expect(throws: HTTPClientError.self) { try sandbox.send("GET", "/explore/locations/213385402/") }

        let address = try url("post=carousel-ten&item=2&video=1")
        let path = String(address.dropFirst(sandbox.base.count).prefix { $0 != "?" })
        _ = try sandbox.admin("POST", "/__sandbox/faults", #"{"kind":"truncate","fraction":0.5,"path":"\#(path)","count":1}"#)
        #expect(throws: HTTPClientError.self) { try sandbox.send("GET", address) }

        _ = try sandbox.admin("POST", "/__sandbox/faults", #"{"kind":"slow","bytes_per_second":8000,"path":"\#(path)","count":1}"#)
        let started = Date()
        let slow = try sandbox.send("GET", address)
        #expect(slow.status == 200 && Date().timeIntervalSince(started) >= Double(slow.body.count) / 8000 * 0.5)

        _ = try sandbox.admin("POST", "/__sandbox/faults", #"{"kind":"latency","latency_ms":300,"path":"/explore/locations/","count":1}"#)
        let waited = Date()
        _ = try sandbox.send("GET", "/explore/locations/213385402/")
        #expect(Date().timeIntervalSince(waited) >= 0.3)
        let log = try sandbox.admin("GET", "/__sandbox/requests?path=/explore/locations/&limit=20")["requests"] as? [[String: Any]] ?? []
        #expect(log.contains { ($0["faults"] as? [String])?.contains("latency") == true })
    }
}
