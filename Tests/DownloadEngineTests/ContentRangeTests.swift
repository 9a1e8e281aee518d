import Testing
@testable import DownloadEngine

@Suite("Content-Range")
struct ContentRangeTests {
    @Test("Content-Range headers", arguments: [
        ("bytes 100-199/200", Int64(100), Int64(200)),
        ("bytes */5000", nil, 5000),
    ])
    func contentRange(_ header: String, _ start: Int64?, _ total: Int64?) {
        let range = ContentRange(header)
        #expect(range?.start == start && range?.total == total)
    }
}
