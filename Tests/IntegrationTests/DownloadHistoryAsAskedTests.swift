import Foundation
import Testing

/// The download history keeps each download as it was asked for (issue 12): one carousel item asked for alone is a
/// row of its own beside the whole post's, and asking again (a refresh) does not move `created_at`.
@Suite(.threaded, .needsStackAndSandbox)
struct DownloadHistoryAsAskedTests {
    let kit = DownloadTestKit()

    @Test func aSingleItemDoesNotRewriteTheWholeCarouselsRow() throws {
        let key = try TestStack.newKey()
        let code = try kit.shortcode("carousel-jeju")
        #expect(try kit.download("carousel-jeju", apiKey: key).status == 200)
        func history() throws -> [[String: Any]] {
            try kit.http.get("/api/downloads", key: key).json["downloads"] as? [[String: Any]] ?? []
        }
        let whole = try #require(try history().first)
        let createdAt = try #require(whole["created_at"] as? String)
        Thread.sleep(forTimeInterval: 1.1) // created_at has whole seconds in JSON: a moved one would show
        let one = try kit.post(#"{"url":"https://www.instagram.com/p/\#(code)/?img_index=2","single_item":true}"#, apiKey: key)
        #expect(one.status == 200, "\(one.text.prefix(300))")
        let again = try kit.download("carousel-jeju", apiKey: key, extra: #","refresh":true"#)
        #expect(again.status == 200)

        let rows = try history()
        #expect(rows.count == 2, "the whole post and item 2: \(rows)")
        let wholeRow = rows.first { $0["img_index"] is NSNull }
        let itemRow = rows.first { ($0["img_index"] as? NSNumber)?.intValue == 2 }
        #expect(wholeRow?["created_at"] as? String == createdAt, "created_at stays the first request's: \(rows)")
        #expect(itemRow?["shortcode"] as? String == code, "\(rows)")
        // The post's page is the whole carousel, all three items.
        let shown = try kit.http.get("/api/downloads/\(code)", key: key).json["download"] as? [String: Any] ?? [:]
        #expect((shown["media_urls"] as? [String])?.count == 3, "\(shown.keys)")
        #expect(shown["img_index"] is NSNull)
    }
}
